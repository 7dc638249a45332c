package io.mixrec.security;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The role each request needs, as a plain function of method and path: the same rules as
 * {@link SecurityConfiguration}'s filter chain, for code that describes them rather than
 * enforces them (the OpenAPI description). The OpenAPI integration test sends requests to
 * every documented endpoint to check that the two agree.
 */
public final class AccessRules {

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private AccessRules() {
	}

	/**
	 * The lowest role that may make a request.
	 * @param method the HTTP method
	 * @param path the path (a concrete path or a template such as
	 * {@code /users/{userId}})
	 * @param requireReadKey {@code mixrec.security.require-read-key}
	 * @return the role, or {@code null} when no key is needed
	 */
	public static @Nullable Role requiredRole(String method, String path, boolean requireReadKey) {
		if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
			return null;
		}
		String upper = method.toUpperCase(Locale.ROOT);
		if ((upper.equals("GET") || upper.equals("HEAD")) && isDashboardFile(path)) {
			return null;
		}
		if (isUnder(path, "/actuator") || isUnder(path, "/admin")) {
			return Role.ADMIN;
		}
		if (READ_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
			return requireReadKey ? Role.READ : null;
		}
		return Role.WRITE;
	}

	/**
	 * @param path a request path
	 * @return whether it names the dashboard's page or one of its files, which anyone may
	 * load (they hold no data)
	 */
	public static boolean isDashboardFile(String path) {
		// no dot segments or encoded characters: the path is matched as the client sent
		// it
		return isUnder(path, "/dashboard") && !path.contains("..") && !path.contains("%") && !path.contains(";")
				&& !path.contains("//");
	}

	private static boolean isUnder(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

}
