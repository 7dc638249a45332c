package io.mixrec.security;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API-key security settings. As environment variables:
 * {@code MIXREC_SECURITY_API_KEYS_0_KEY}, {@code MIXREC_SECURITY_API_KEYS_0_ROLE},
 * {@code MIXREC_SECURITY_API_KEYS_1_KEY}, ..., {@code MIXREC_SECURITY_REQUIRE_READ_KEY}.
 * {@link #toString()} never shows key values.
 *
 * @param apiKeys the accepted API keys, each with its role, each at least
 * {@value #MIN_KEY_LENGTH} characters long; empty means that the service creates one
 * admin key at its first start, prints it once and keeps only its hash in the database
 * @param requireReadKey whether read requests (GET, HEAD, OPTIONS) also need a key with
 * at least the read role; when false they are open to anyone, who can then page through
 * every user's ratings
 */
@ConfigurationProperties("mixrec.security")
@Validated
public record SecurityProperties(@Valid List<ApiKey> apiKeys, @DefaultValue("true") boolean requireReadKey) {

	/**
	 * The shortest key accepted: 24 characters of a random hex or base64 string are 96 to
	 * 144 bits, beyond guessing; "change-me" is not.
	 */
	public static final int MIN_KEY_LENGTH = 24;

	/**
	 * Normalises a missing list (no keys configured) to an empty one, and refuses short
	 * keys. Blank keys are left to {@code @NotBlank}. The messages name the key by its
	 * position, never by its value.
	 */
	public SecurityProperties {
		apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		for (int i = 0; i < apiKeys.size(); i++) {
			ApiKey key = apiKeys.get(i);
			if (key != null && key.key() != null && !key.key().isBlank() && key.key().length() < MIN_KEY_LENGTH) {
				throw new IllegalArgumentException("mixrec.security.api-keys[" + i + "].key has " + key.key().length()
						+ " characters; an API key needs at least " + MIN_KEY_LENGTH
						+ ": use a long random value, e.g. the output of 'openssl rand -hex 32'");
			}
		}
	}

	/**
	 * One accepted API key. {@link #toString()} masks the key so that it cannot leak
	 * through logs or error messages.
	 *
	 * @param key the secret clients send in the {@code X-API-Key} header; use a long
	 * random value (e.g. {@code openssl rand -hex 32})
	 * @param role what the key allows: {@code read}, {@code write} or {@code admin}
	 */
	// Only @NotBlank on key: a failed constraint prints the rejected value in the
	// startup error, and for any other constraint that value would be the secret.
	public record ApiKey(@NotBlank(
			message = "must not be blank: set it to a long random secret, e.g. the output of 'openssl rand -hex 32'") String key,
			@NotNull(message = "must be one of read, write, admin") Role role) {

		@Override
		public String toString() {
			return "ApiKey[key=******, role=" + this.role + "]";
		}

	}

}
