package io.mixrec.ratings;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RatingRulesTests {

	private final RatingRules rules = new RatingRules(properties(1, 5, 0.5));

	@Test
	void idsHaveOneTo128CharactersCountedAsCodePoints() {
		assertThat(this.rules.idProblem("u1")).isNull();
		assertThat(this.rules.idProblem("x".repeat(128))).isNull();
		assertThat(this.rules.idProblem("😀".repeat(128))).isNull();
		assertThat(this.rules.idProblem("")).isEqualTo("must not be empty");
		assertThat(this.rules.idProblem("x".repeat(129))).isEqualTo("must be at most 128 characters");
		assertThat(this.rules.idProblem("😀".repeat(129))).isEqualTo("must be at most 128 characters");
	}

	@Test
	void idsHaveNoControlCharactersAndNoUnpairedSurrogates() {
		assertThat(this.rules.idProblem("a\tb")).isEqualTo("must not contain control characters");
		assertThat(this.rules.idProblem("a\u0000")).isEqualTo("must not contain control characters");
		assertThat(this.rules.idProblem("a\u007f")).isEqualTo("must not contain control characters");
		assertThat(this.rules.idProblem("a\u0085")).isEqualTo("must not contain control characters");
		assertThat(this.rules.idProblem("a\ud800")).isEqualTo("must be valid Unicode (unpaired surrogate)");
		assertThat(this.rules.idProblem("\udc00a")).isEqualTo("must be valid Unicode (unpaired surrogate)");
		assertThat(this.rules.idProblem("a b,\"é\"")).isNull();
	}

	@Test
	void idsAsBytesFollowTheSameRules() {
		assertThat(bytesProblem("u1")).isNull();
		assertThat(bytesProblem("é".repeat(128))).isNull();
		assertThat(bytesProblem("é".repeat(129))).isEqualTo("must be at most 128 characters");
		assertThat(bytesProblem("x".repeat(129))).isEqualTo("must be at most 128 characters");
		assertThat(bytesProblem("")).isEqualTo("must not be empty");
		assertThat(bytesProblem("a\u0001")).isEqualTo("must not contain control characters");
		assertThat(bytesProblem("é\u0085")).isEqualTo("must not contain control characters");
		assertThat(this.rules.idProblem(new byte[] { 'a', (byte) 0xff }, 0, 2)).isEqualTo("must be valid UTF-8");
		// A surrogate encoded as if it were a character (CESU-8) is not UTF-8 either.
		assertThat(this.rules.idProblem(new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, 0, 3))
			.isEqualTo("must be valid UTF-8");
	}

	@Test
	void ratingsAreFiniteOnTheScaleAndOnTheGrid() {
		assertThat(this.rules.ratingProblem(1)).isNull();
		assertThat(this.rules.ratingProblem(4.5)).isNull();
		assertThat(this.rules.ratingProblem(5)).isNull();
		assertThat(this.rules.ratingProblem(4.5 + 1e-12)).isNull();
		assertThat(this.rules.ratingProblem(0.5)).isEqualTo("must be between 1.0 and 5.0");
		assertThat(this.rules.ratingProblem(5.5)).isEqualTo("must be between 1.0 and 5.0");
		assertThat(this.rules.ratingProblem(4.2)).isEqualTo("must be 1.0 plus a multiple of 0.5");
		assertThat(this.rules.ratingProblem(Double.NaN)).isEqualTo("must be a finite number");
		assertThat(this.rules.ratingProblem(Double.POSITIVE_INFINITY)).isEqualTo("must be a finite number");
	}

	@Test
	void gridIsOptional() {
		RatingRules anyValue = new RatingRules(properties(0, 10, 0));
		assertThat(anyValue.ratingProblem(7.31)).isNull();
		assertThat(anyValue.ratingProblem(10.01)).isEqualTo("must be between 0.0 and 10.0");
		RatingRules tenths = new RatingRules(properties(0, 1, 0.1));
		assertThat(tenths.ratingProblem(0.7)).isNull();
		assertThat(tenths.ratingProblem(0.75)).isEqualTo("must be 0.0 plus a multiple of 0.1");
	}

	@Test
	void ratedAtIsNeitherBefore1970NorMoreThanTheSkewAhead() {
		Instant now = Instant.parse("2026-06-01T00:00:00Z");
		assertThat(this.rules.ratedAtProblem(now.plus(Duration.ofDays(1)), now)).isNull();
		assertThat(this.rules.ratedAtProblem(Instant.EPOCH, now)).isNull();
		assertThat(this.rules.ratedAtProblem(now.plus(Duration.ofDays(1)).plusNanos(1000), now))
			.isEqualTo("must not be more than PT24H in the future");
		assertThat(this.rules.ratedAtProblem(Instant.EPOCH.minusSeconds(1), now))
			.isEqualTo("must not be before 1970-01-01T00:00:00Z");
	}

	@Test
	void ratedAtIsEpochSecondsOrIsoWithOffsetTruncatedToMicroseconds() {
		assertThat(RatingRules.parseRatedAt("1700000000")).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
		assertThat(RatingRules.parseRatedAt(" 1700000000.5 "))
			.isEqualTo(Instant.ofEpochSecond(1_700_000_000, 500_000_000));
		assertThat(RatingRules.parseRatedAt("1700000000.1234567"))
			.isEqualTo(Instant.ofEpochSecond(1_700_000_000, 123_456_000));
		assertThat(RatingRules.parseRatedAt("2026-01-02T03:04:05Z")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
		assertThat(RatingRules.parseRatedAt("2026-01-02T03:04:05.123456789+02:00"))
			.isEqualTo(Instant.parse("2026-01-02T01:04:05.123456Z"));
		for (String invalid : new String[] { "", "soon", "2026-01-02", "2026-01-02T03:04:05", "1e9", "0x10",
				"99999999999999999999" }) {
			assertThatExceptionOfType(DateTimeException.class).as(invalid)
				.isThrownBy(() -> RatingRules.parseRatedAt(invalid));
		}
	}

	private String bytesProblem(String id) {
		byte[] bytes = ("[" + id + "]").getBytes(StandardCharsets.UTF_8);
		return this.rules.idProblem(bytes, 1, bytes.length - 2);
	}

	static RatingsProperties properties(double min, double max, double step) {
		return new RatingsProperties(min, max, step, Duration.ofDays(1), Instant.EPOCH, 10_000, 5, 100,
				DataSize.ofMegabytes(1), DataSize.ofMegabytes(64), 100, 1000, DataSize.ofKilobytes(64));
	}

}
