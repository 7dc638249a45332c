package io.mixrec.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;

import io.mixrec.security.ApiKeyMatcher.Match;
import io.mixrec.security.SecurityProperties.ApiKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ApiKeyMatcherTests {

	private static final List<ApiKey> KEYS = List.of(new ApiKey("first-key-aaaaaaaa", Role.READ),
			new ApiKey("second-key-bbbbbbbbbbbbbbbbbbbb", Role.WRITE), new ApiKey("third-key-c", Role.ADMIN));

	private final List<byte[][]> comparisons = new ArrayList<>();

	private final ApiKeyMatcher matcher = new ApiKeyMatcher(KEYS, recording(MessageDigest::isEqual));

	@Test
	void findsEachKeyWithItsRoleAndPosition() {
		assertThat(this.matcher.match("first-key-aaaaaaaa")).contains(new Match(0, Role.READ));
		assertThat(this.matcher.match("second-key-bbbbbbbbbbbbbbbbbbbb")).contains(new Match(1, Role.WRITE));
		assertThat(this.matcher.match("third-key-c")).contains(new Match(2, Role.ADMIN));
	}

	@Test
	void rejectsUnknownAndNearlyMatchingKeys() {
		assertThat(this.matcher.match("unknown")).isEmpty();
		assertThat(this.matcher.match("first-key-aaaaaaa")).isEmpty();
		assertThat(this.matcher.match("first-key-aaaaaaaaa")).isEmpty();
		assertThat(this.matcher.match("FIRST-KEY-AAAAAAAA")).isEmpty();
		assertThat(this.matcher.match("")).isEmpty();
	}

	@Test
	void comparesAgainstEveryKeyEvenAfterAMatch() {
		this.matcher.match("first-key-aaaaaaaa");

		assertThat(this.comparisons).hasSize(KEYS.size());
	}

	@Test
	void comparesAgainstEveryKeyWhenNothingMatches() {
		this.matcher.match("nothing-like-any-key");

		assertThat(this.comparisons).hasSize(KEYS.size());
	}

	@Test
	void comparesOnlyDigestsOfEqualLengthWhateverTheKeyLengths() {
		this.matcher.match("x");
		this.matcher.match("a-presented-key-much-longer-than-any-configured-key-" + "z".repeat(500));
		this.matcher.match("third-key-c");

		assertThat(this.comparisons).hasSize(3 * KEYS.size()).allSatisfy((pair) -> {
			assertThat(pair[0]).hasSize(32);
			assertThat(pair[1]).hasSize(32);
		});
	}

	@Test
	void matchesNothingWithoutKeys() {
		ApiKeyMatcher empty = new ApiKeyMatcher(List.of());

		assertThat(empty.isEmpty()).isTrue();
		assertThat(empty.match("anything")).isEmpty();
	}

	@Test
	void rejectsTheSameKeyConfiguredTwiceWithoutNamingIt() {
		List<ApiKey> keys = List.of(new ApiKey("dup-secret", Role.READ), new ApiKey("other", Role.WRITE),
				new ApiKey("dup-secret", Role.ADMIN));

		assertThatIllegalStateException().isThrownBy(() -> new ApiKeyMatcher(keys))
			.withMessageContaining("api-keys[2]")
			.withMessageContaining("api-keys[0]")
			.withMessageNotContaining("dup-secret");
	}

	private BiPredicate<byte[], byte[]> recording(BiPredicate<byte[], byte[]> delegate) {
		return (presented, configured) -> {
			this.comparisons.add(new byte[][] { presented, configured });
			return delegate.test(presented, configured);
		};
	}

}
