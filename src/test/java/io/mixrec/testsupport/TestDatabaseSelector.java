package io.mixrec.testsupport;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Decides which PostgreSQL the tests use. Pure logic: the settings lookup and the Docker
 * probe are passed in, so every branch is unit-tested without a server.
 *
 * <ol>
 * <li>{@value #URL_SETTING} set: that server (credentials from {@value #USERNAME_SETTING}
 * and {@value #PASSWORD_SETTING}, default {@code postgres} and empty);</li>
 * <li>otherwise, a reachable Docker engine (unless {@value #DOCKER_SETTING} is
 * {@code false}): a Testcontainers {@code postgres:17} ({@link TestDatabase} comes back
 * here without Docker if the container cannot start, e.g. the image cannot be
 * pulled);</li>
 * <li>otherwise the local server at {@value #LOCAL_URL}, user {@code postgres}, if it
 * accepts a connection (unless {@value #LOCAL_SETTING} is {@code false});</li>
 * <li>otherwise an embedded PostgreSQL in a temporary directory, started by the run (not
 * as root: PostgreSQL refuses to).</li>
 * </ol>
 */
public final class TestDatabaseSelector {

	/** Environment variable (or system property) with the JDBC URL of a server to use. */
	public static final String URL_SETTING = "MIXREC_TEST_DATABASE_URL";

	/** User name for {@value #URL_SETTING}. */
	public static final String USERNAME_SETTING = "MIXREC_TEST_DATABASE_USERNAME";

	/** Password for {@value #URL_SETTING}. */
	public static final String PASSWORD_SETTING = "MIXREC_TEST_DATABASE_PASSWORD";

	/** Set to {@code false} to never use Docker, even when an engine is reachable. */
	public static final String DOCKER_SETTING = "MIXREC_TEST_DOCKER";

	/** Set to {@code false} to never use the local server, even when it answers. */
	public static final String LOCAL_SETTING = "MIXREC_TEST_LOCAL";

	/** The server used when nothing else is configured or available. */
	public static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static final String DEFAULT_USERNAME = "postgres";

	private TestDatabaseSelector() {
	}

	/**
	 * Choose the database server.
	 * @param settings looks up a setting by name (environment variable or system
	 * property); returns null when unset
	 * @param dockerAvailable probes for a Docker engine; only called when needed
	 * @param localReachable probes the local server; only called when needed
	 * @return the choice
	 */
	public static Choice select(Function<String, @Nullable String> settings, BooleanSupplier dockerAvailable,
			BooleanSupplier localReachable) {
		String url = settings.apply(URL_SETTING);
		if (url != null && !url.isBlank()) {
			return new Server(Source.ENVIRONMENT, url.trim(),
					orDefault(settings.apply(USERNAME_SETTING), DEFAULT_USERNAME),
					orDefault(settings.apply(PASSWORD_SETTING), ""));
		}
		if (allowed(settings.apply(DOCKER_SETTING)) && dockerAvailable.getAsBoolean()) {
			return new Docker();
		}
		if (allowed(settings.apply(LOCAL_SETTING)) && localReachable.getAsBoolean()) {
			return new Server(Source.LOCAL, LOCAL_URL, DEFAULT_USERNAME, "");
		}
		return new Embedded();
	}

	private static boolean allowed(@Nullable String setting) {
		return setting == null || !setting.trim().equalsIgnoreCase("false");
	}

	/**
	 * Settings from the environment, overridden by system properties of the same name
	 * (handy from an IDE or {@code ./mvnw -DMIXREC_TEST_DOCKER=false verify}).
	 * @param name the setting
	 * @return its value or null
	 */
	public static @Nullable String fromEnvironment(String name) {
		String property = System.getProperty(name);
		return (property != null) ? property : System.getenv(name);
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/** Where the test database comes from. */
	public sealed interface Choice permits Server, Docker, Embedded {

	}

	/**
	 * An existing server; the harness creates a database for the run on it.
	 *
	 * @param source why this server was chosen
	 * @param url JDBC URL of a database on the server to connect to for creating and
	 * dropping the test databases
	 * @param username user that may create databases
	 * @param password its password, empty for trust authentication
	 */
	public record Server(Source source, String url, String username, String password) implements Choice {

		@Override
		public String toString() {
			return "Server[" + this.source + ", " + this.url + ", user " + this.username + "]";
		}

	}

	/** A Testcontainers PostgreSQL, started once per JVM. */
	public record Docker() implements Choice {

	}

	/**
	 * An embedded PostgreSQL ({@link io.mixrec.database.EmbeddedDatabase}) in a temporary
	 * directory, started once per JVM and stopped when it exits.
	 */
	public record Embedded() implements Choice {

	}

	/** Why a {@link Server} was chosen. */
	public enum Source {

		/** {@value TestDatabaseSelector#URL_SETTING} was set. */
		ENVIRONMENT,

		/** The local server {@value TestDatabaseSelector#LOCAL_URL}, which answered. */
		LOCAL

	}

}
