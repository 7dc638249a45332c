package io.mixrec.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

import org.jspecify.annotations.Nullable;

import io.mixrec.security.SecurityProperties.ApiKey;

/**
 * Finds the configured key that matches a presented one, in time that does not depend on
 * which key matched, how much of a key matched, or how long the keys are.
 *
 * <p>
 * Presented and configured keys are both hashed with SHA-256, so every comparison is
 * between two 32-byte arrays whatever the key lengths, and {@link MessageDigest#isEqual}
 * compares them in constant time. Every configured key is compared on every call (no
 * early exit), so the position of the matching key is not observable either. Only the
 * digests are kept in memory.
 */
final class ApiKeyMatcher {

	private final List<byte[]> digests;

	private final List<Role> roles;

	private final BiPredicate<byte[], byte[]> equality;

	ApiKeyMatcher(List<ApiKey> keys) {
		this(keys, MessageDigest::isEqual);
	}

	/**
	 * Test seam: {@code equality} replaces {@link MessageDigest#isEqual} so that a test
	 * can observe which comparisons are made.
	 */
	ApiKeyMatcher(List<ApiKey> keys, BiPredicate<byte[], byte[]> equality) {
		this(keys.stream().map((key) -> new Digest(sha256(key.key()), key.role())).toList(), equality, true);
	}

	private ApiKeyMatcher(List<Digest> keys, BiPredicate<byte[], byte[]> equality, boolean configured) {
		this.digests = new ArrayList<>(keys.size());
		this.roles = new ArrayList<>(keys.size());
		for (int i = 0; i < keys.size(); i++) {
			byte[] digest = keys.get(i).sha256();
			for (int j = 0; j < i; j++) {
				if (configured && Arrays.equals(digest, this.digests.get(j))) {
					// The key itself is not in the message: it must never reach a log.
					throw new IllegalStateException("mixrec.security.api-keys[" + i
							+ "] has the same key as mixrec.security.api-keys[" + j + "]; every key must be unique");
				}
			}
			this.digests.add(digest);
			this.roles.add(keys.get(i).role());
		}
		this.equality = equality;
	}

	/**
	 * A matcher for keys known only by their digests (the ones the service stored).
	 * @param keys the digests and roles
	 * @return the matcher
	 */
	static ApiKeyMatcher ofDigests(List<Digest> keys) {
		return new ApiKeyMatcher(keys, MessageDigest::isEqual, false);
	}

	/**
	 * Look up a presented key.
	 * @param presented the value of the {@code X-API-Key} header
	 * @return the matching key's position in the configuration and its role, or empty
	 */
	Optional<Match> match(String presented) {
		byte[] digest = sha256(presented);
		@Nullable Match found = null;
		for (int i = 0; i < this.digests.size(); i++) {
			// Compare first, then record: the comparison runs for every key.
			boolean equal = this.equality.test(digest, this.digests.get(i));
			if (equal && found == null) {
				found = new Match(i, this.roles.get(i));
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * Whether no keys are configured at all.
	 * @return true if no key can ever match
	 */
	boolean isEmpty() {
		return this.digests.isEmpty();
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A key known by its SHA-256.
	 *
	 * @param sha256 the digest of the key's UTF-8 bytes
	 * @param role the key's role
	 */
	record Digest(byte[] sha256, Role role) {
	}

	/**
	 * A successful match.
	 *
	 * @param index position of the key in {@code mixrec.security.api-keys}; identifies
	 * the key in logs without revealing it
	 * @param role the key's role
	 */
	record Match(int index, Role role) {
	}

}
