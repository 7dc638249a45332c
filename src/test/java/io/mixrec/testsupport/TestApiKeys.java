package io.mixrec.testsupport;

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

}
