package io.mixrec.ratings;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The validation rules that every way in (single ratings, JSON batches, CSV lines)
 * shares, so that the same input gets the same answer everywhere. Each check returns
 * {@code null} for a valid value and otherwise the reason, phrased to follow the field
 * name ({@code "rating must be between 1.0 and 5.0"}).
 */
@Component
class RatingRules {

	/** The longest id, in characters (code points), as the schema allows. */
	static final int MAX_ID_LENGTH = ExternalIds.MAX_LENGTH;

	private static final double GRID_TOLERANCE = 1e-9;

	private static final Pattern EPOCH_SECONDS = Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,9})?");

	private final RatingsProperties properties;

	RatingRules(RatingsProperties properties) {
		this.properties = properties;
	}

	/**
	 * Checks an external user or item id.
	 * @param id the id
	 * @return the problem, or null if the id is valid
	 */
	@Nullable String idProblem(String id) {
		return ExternalIds.problem(id);
	}

	/**
	 * Checks an id given as UTF-8 bytes (the CSV import), without creating a string for
	 * the common all-ASCII case.
	 * @param bytes the buffer
	 * @param offset where the id starts
	 * @param length its length in bytes
	 * @return the problem, or null if the id is valid
	 */
	@Nullable String idProblem(byte[] bytes, int offset, int length) {
		if (length == 0) {
			return "must not be empty";
		}
		for (int i = offset; i < offset + length; i++) {
			byte b = bytes[i];
			if (b < 0) {
				return nonAsciiIdProblem(bytes, offset, length);
			}
			if (b < 0x20 || b == 0x7f) {
				return "must not contain control characters";
			}
		}
		return (length > MAX_ID_LENGTH) ? "must be at most " + MAX_ID_LENGTH + " characters" : null;
	}

	private @Nullable String nonAsciiIdProblem(byte[] bytes, int offset, int length) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			return idProblem(decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString());
		}
		catch (CharacterCodingException ex) {
			return "must be valid UTF-8";
		}
	}

	/**
	 * Checks a rating against the configured scale.
	 * @param rating the rating
	 * @return the problem, or null if the rating is valid
	 */
	@Nullable String ratingProblem(double rating) {
		if (!Double.isFinite(rating)) {
			return "must be a finite number";
		}
		double min = this.properties.min();
		double max = this.properties.max();
		if (rating < min - GRID_TOLERANCE || rating > max + GRID_TOLERANCE) {
			return "must be between " + min + " and " + max;
		}
		double step = this.properties.step();
		if (step > 0) {
			double steps = Math.rint((rating - min) / step);
			if (Math.abs(rating - (min + steps * step)) > GRID_TOLERANCE) {
				return "must be " + min + " plus a multiple of " + step;
			}
		}
		return null;
	}

	/**
	 * Checks a rating time: not before the configured earliest time and not further in
	 * the future than the configured skew.
	 * @param ratedAt the time
	 * @param now the current time
	 * @return the problem, or null if the time is valid
	 */
	@Nullable String ratedAtProblem(Instant ratedAt, Instant now) {
		if (ratedAt.isBefore(earliest())) {
			return tooEarly();
		}
		if (ratedAt.isAfter(latest(now))) {
			return tooLate();
		}
		return null;
	}

	/** The earliest valid rating time. */
	Instant earliest() {
		return this.properties.earliestRatedAt();
	}

	/**
	 * The latest valid rating time.
	 * @param now the current time
	 * @return now plus the allowed skew
	 */
	Instant latest(Instant now) {
		return now.plus(this.properties.maxFutureSkew());
	}

	String tooEarly() {
		return "must not be before " + this.properties.earliestRatedAt();
	}

	String tooLate() {
		return "must not be more than " + this.properties.maxFutureSkew() + " in the future";
	}

	/**
	 * Parses a rating time given as text: epoch seconds (optionally with a fraction) or
	 * an ISO-8601 date-time with an offset ({@code 2026-01-02T03:04:05Z},
	 * {@code 2026-01-02T05:04:05+02:00}). Truncated to microseconds, the precision that
	 * PostgreSQL stores, so that a timestamp that was stored compares equal to itself.
	 * @param text the text
	 * @return the instant
	 * @throws DateTimeException if the text is neither
	 */
	static Instant parseRatedAt(String text) {
		String trimmed = text.strip();
		if (EPOCH_SECONDS.matcher(trimmed).matches()) {
			return epochSeconds(new BigDecimal(trimmed));
		}
		try {
			return truncate(OffsetDateTime.parse(trimmed).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw new DateTimeException("not epoch seconds or an ISO-8601 date-time with offset", ex);
		}
	}

	/**
	 * The instant of a number of epoch seconds, truncated to microseconds.
	 * @param seconds the seconds since 1970-01-01T00:00:00Z
	 * @return the instant
	 * @throws DateTimeException if it is out of range
	 */
	static Instant epochSeconds(BigDecimal seconds) {
		BigDecimal micros = seconds.movePointRight(6);
		if (micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
			throw new DateTimeException("out of range");
		}
		return Instant.EPOCH.plus(micros.longValue(), ChronoUnit.MICROS);
	}

	static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	/** The message for a time that cannot be parsed. */
	static String ratedAtFormatProblem() {
		return "must be epoch seconds or an ISO-8601 date-time with offset, e.g. 2026-01-02T03:04:05Z";
	}

}
