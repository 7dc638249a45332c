package io.mixrec.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code api_keys} table: keys the service created itself, kept as SHA-256 only.
 * Today that is the bootstrap admin key of a start without configured keys.
 */
final class StoredApiKeys {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	StoredApiKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Create the bootstrap admin key unless one exists.
	 * @return the new key, to be shown once, or empty if a key was created before (by
	 * this instance at an earlier start, or by another one)
	 */
	Optional<String> createBootstrapKey() {
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		// 43 characters of base64url: safe in a header and a shell without quoting.
		String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		int inserted = this.jdbc.sql(
				"insert into api_keys (role, key_sha256, origin) values ('admin', ?, 'bootstrap') on conflict do nothing")
			.param(ApiKeyMatcher.sha256(key))
			.update();
		return (inserted == 1) ? Optional.of(key) : Optional.empty();
	}

	/**
	 * @return every stored key's digest and role
	 */
	List<ApiKeyMatcher.Digest> all() {
		return this.jdbc.sql("select key_sha256, role from api_keys order by id")
			.query((rs, row) -> new ApiKeyMatcher.Digest(rs.getBytes(1),
					Role.valueOf(rs.getString(2).toUpperCase(Locale.ROOT))))
			.list();
	}

}
