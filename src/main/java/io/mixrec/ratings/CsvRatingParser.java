package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

import io.mixrec.tabular.RatingFormat;
import io.mixrec.tabular.RatingLayout;
import io.mixrec.tabular.RatingRecords;
import io.mixrec.tabular.TableFormatException;
import io.mixrec.tabular.TextNumbers;
import org.jspecify.annotations.Nullable;

/**
 * Validates the data lines of a ratings file, one at a time, straight from the request's
 * bytes as {@link RatingRecords} hands them out (the layout sniffed or as the client gave
 * it). After {@link #next()} either {@link #problem()} says what is wrong with the line,
 * or the accessors give its validated values; ids stay UTF-8 ranges of {@link #buffer()}.
 * Blank lines are skipped. A missing or empty time means the time of the import.
 */
final class CsvRatingParser {

	private static final long MICROS_PER_SECOND = 1_000_000L;

	private static final long MAX_SECONDS = Long.MAX_VALUE / MICROS_PER_SECOND;

	private final RatingRecords records;

	private final RatingRules rules;

	private final long defaultMicros;

	private final long earliestMicros;

	private final long latestMicros;

	private final Instant latest;

	private @Nullable RatingLayout layout;

	private long line;

	private @Nullable String problemField;

	private @Nullable String problem;

	private int userStart;

	private int userEnd;

	private int itemStart;

	private int itemEnd;

	private float rating;

	private long ratedAtMicros;

	CsvRatingParser(InputStream in, RatingFormat format, RatingRules rules, int maxLineBytes, Instant now) {
		this.records = new RatingRecords(in, format, maxLineBytes);
		this.rules = rules;
		this.defaultMicros = micros(now);
		this.earliestMicros = micros(rules.earliest());
		this.latest = rules.latest(now);
		this.latestMicros = micros(this.latest);
	}

	/**
	 * Read the layout: the first line that is not blank, a header or the first data line.
	 * @return the layout
	 * @throws IOException if reading fails
	 * @throws io.mixrec.web.ApiException 400 if the layout cannot be used or told
	 */
	RatingLayout readLayout() throws IOException {
		try {
			RatingLayout found = this.records.layout();
			this.layout = found;
			return found;
		}
		catch (TableFormatException ex) {
			throw new UnreadableInputException(ex.getMessage());
		}
	}

	/**
	 * Advance to the next data line.
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	boolean next() throws IOException {
		if (!this.records.next()) {
			return false;
		}
		this.line = this.records.line();
		this.problemField = null;
		this.problem = this.records.problem();
		if (this.problem == null) {
			parse(this.records.buffer());
		}
		return true;
	}

	private void parse(byte[] b) {
		RatingLayout columns = this.layout;
		if (columns == null) {
			throw new IllegalStateException("readLayout() first");
		}
		RatingRecords fields = this.records;
		int user = columns.user();
		String userProblem = this.rules.idProblem(b, fields.start(user), fields.end(user) - fields.start(user));
		if (userProblem != null) {
			reject(columns.name(user), userProblem);
			return;
		}
		int item = columns.item();
		String itemProblem = this.rules.idProblem(b, fields.start(item), fields.end(item) - fields.start(item));
		if (itemProblem != null) {
			reject(columns.name(item), itemProblem);
			return;
		}
		this.userStart = fields.start(user);
		this.userEnd = fields.end(user);
		this.itemStart = fields.start(item);
		this.itemEnd = fields.end(item);
		if (parseRating(b, fields, columns)) {
			parseRatedAt(b, fields, columns);
		}
	}

	private boolean parseRating(byte[] b, RatingRecords fields, RatingLayout columns) {
		int column = columns.rating();
		double value = TextNumbers.decimal(b, fields.start(column), fields.end(column));
		String ratingProblem = Double.isNaN(value) ? "must be a number" : this.rules.ratingProblem(value);
		if (ratingProblem != null) {
			reject(columns.name(column), ratingProblem);
			return false;
		}
		this.rating = (float) value;
		return true;
	}

	private void parseRatedAt(byte[] b, RatingRecords fields, RatingLayout columns) {
		int column = columns.timestamp();
		if (!fields.has(column) || TextNumbers.isBlank(b, fields.start(column), fields.end(column))) {
			this.ratedAtMicros = this.defaultMicros;
			return;
		}
		long micros;
		long seconds = TextNumbers.epochSeconds(b, fields.start(column), fields.end(column));
		if (seconds != TextNumbers.NOT_AN_INTEGER) {
			micros = (Math.abs(seconds) > MAX_SECONDS) ? ((seconds > 0) ? Long.MAX_VALUE : Long.MIN_VALUE)
					: seconds * MICROS_PER_SECOND;
		}
		else {
			try {
				Instant instant = RatingRules.parseRatedAt(new String(b, fields.start(column),
						fields.end(column) - fields.start(column), StandardCharsets.UTF_8));
				micros = instant.isBefore(this.rules.earliest()) ? Long.MIN_VALUE
						: instant.isAfter(this.latest) ? Long.MAX_VALUE : micros(instant);
			}
			catch (DateTimeException | ArithmeticException ex) {
				reject(columns.name(column), RatingRules.ratedAtFormatProblem());
				return;
			}
		}
		if (micros < this.earliestMicros) {
			reject(columns.name(column), this.rules.tooEarly());
		}
		else if (micros > this.latestMicros) {
			reject(columns.name(column), this.rules.tooLate());
		}
		else {
			this.ratedAtMicros = micros;
		}
	}

	private void reject(@Nullable String field, @Nullable String message) {
		this.problemField = field;
		this.problem = (message != null) ? message : "is malformed";
	}

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
	}

	/** The current line's number, from 1 (the header's line included). */
	long line() {
		return this.line;
	}

	/** What is wrong with the current line, or null if it is valid. */
	@Nullable String problem() {
		return this.problem;
	}

	/** The column the problem is in (as the header names it), or null for the line. */
	@Nullable String problemField() {
		return this.problemField;
	}

	byte[] buffer() {
		return this.records.buffer();
	}

	int userStart() {
		return this.userStart;
	}

	int userEnd() {
		return this.userEnd;
	}

	int itemStart() {
		return this.itemStart;
	}

	int itemEnd() {
		return this.itemEnd;
	}

	float rating() {
		return this.rating;
	}

	/** The time, in microseconds since 1970-01-01T00:00:00Z. */
	long ratedAtMicros() {
		return this.ratedAtMicros;
	}

}
