package io.mixrec.security;

import java.io.PrintStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The keys of a service started without configured keys: its own admin key, created at
 * the first such start and printed once on standard output (not through the logging
 * system, whose files and shippers would keep it). Only the key's SHA-256 is stored, so a
 * lost key cannot be shown again: configure keys, or delete the row of {@code api_keys}
 * to have the next start create a new one.
 */
final class BootstrapAdminKey {

	private static final Log log = LogFactory.getLog(BootstrapAdminKey.class);

	private BootstrapAdminKey() {
	}

	/**
	 * @param stored the stored keys
	 * @param console where a new key is printed
	 * @return a matcher for the stored keys, the new one included
	 */
	static ApiKeyMatcher matcher(StoredApiKeys stored, PrintStream console) {
		stored.createBootstrapKey().ifPresentOrElse((key) -> {
			console.println();
			console.println("=".repeat(78));
			console.println("mixrec: no API key is configured, so this service created its own admin key.");
			console.println("It is shown only this once; only its hash is stored. Send it in the X-API-Key header:");
			console.println();
			console.println("    " + key);
			console.println();
			console.println("Configure your own keys (mixrec.security.api-keys) to replace it.");
			console.println("=".repeat(78));
			console.println();
			console.flush();
			log.warn("No API key configured: created the service's own admin key and printed it on standard output,"
					+ " once; only its SHA-256 is stored (table api_keys)");
		}, () -> log.info("No API key configured: using the service's own admin key, created and printed at an"
				+ " earlier start (only its SHA-256 is stored, in table api_keys)"));
		return ApiKeyMatcher.ofDigests(stored.all());
	}

}
