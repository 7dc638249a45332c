package io.mixrec.testsupport;

import org.jspecify.annotations.Nullable;

/**
 * The API keys configured for tests in {@code src/test/resources/application-test.yml},
 * one per role. Test values only: never use them outside tests.
 */
public final class TestApiKeys {

	/** Header that carries the key. */
	public static final String HEADER = "X-API-Key";

	/** A key with the read role. */
	public static final String READ = "test-read-key-0123456789";

	/** A key with the write role. */
	public static final String WRITE = "test-write-key-0123456789";

	/** A key with the admin role. */
	public static final String ADMIN = "test-admin-key-0123456789";

	/** A key that is not configured. */
	public static final String UNKNOWN = "test-unknown-key-0123456789";

	private TestApiKeys() {
	}

	/**
	 * The key of a role by name, for tests that list their cases as data.
	 * @param role {@code none}, {@code read}, {@code write}, {@code admin} or
	 * {@code unknown}
	 * @return the key, or null for {@code none}
	 */
	public static @Nullable String of(String role) {
		return switch (role) {
			case "none" -> null;
			case "read" -> READ;
			case "write" -> WRITE;
			case "admin" -> ADMIN;
			case "unknown" -> UNKNOWN;
			default -> throw new IllegalArgumentException(role);
		};
	}

}
