package io.mixrec.security;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.mixrec.security.SecurityProperties.ApiKey;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says at startup how many keys of which role are configured, and warns, with the exact
 * property and environment variable names, when none are: a service that silently rejects
 * every write is hard to debug. Never logs key values.
 */
final class ApiKeyStartupReport implements SmartInitializingSingleton {

	private static final Log log = LogFactory.getLog(ApiKeyStartupReport.class);

	private final SecurityProperties properties;

	ApiKeyStartupReport(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.properties.apiKeys().isEmpty()) {
			log.warn("No API keys configured: only the service's own admin key (printed once, at the start that"
					+ " created it) is accepted; without a database, "
					+ (this.properties.requireReadKey() ? "all" : "write and admin")
					+ " requests will be rejected with 401. Configure keys with the properties"
					+ " mixrec.security.api-keys[0].key=<secret> and mixrec.security.api-keys[0].role=admin"
					+ " (or write, read), or with the environment variables MIXREC_SECURITY_API_KEYS_0_KEY and"
					+ " MIXREC_SECURITY_API_KEYS_0_ROLE (then _1_, _2_, ... for more keys).");
			return;
		}
		Map<Role, Integer> counts = new TreeMap<>();
		for (ApiKey key : this.properties.apiKeys()) {
			counts.merge(key.role(), 1, Integer::sum);
		}
		StringBuilder summary = new StringBuilder();
		counts.forEach((role, count) -> summary.append((summary.length() > 0) ? ", " : "")
			.append(count)
			.append(' ')
			.append(role.name().toLowerCase(Locale.ROOT)));
		log.info(this.properties.apiKeys().size() + " API key(s) configured (" + summary + "); read requests "
				+ (this.properties.requireReadKey() ? "need a key" : "are open"));
	}

}
