package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Reads and validates the data lines of a ratings CSV, one at a time, straight from the
 * request's bytes (see {@link CsvLineReader}, {@link CsvFields}, {@link CsvColumns}).
 * After {@link #next()} either {@link #problem()} says what is wrong with the line, or
 * the accessors give its validated values; ids stay UTF-8 ranges of {@link #buffer()}.
 * Blank lines are skipped. A missing or empty time means the time of the import.
 */
final class CsvRatingParser {

	private static final int MAX_HEADER_COLUMNS = 1024;

	private static final long MICROS_PER_SECOND = 1_000_000L;

	private static final long MAX_SECONDS = Long.MAX_VALUE / MICROS_PER_SECOND;

	private final CsvLineReader lines;

	private final RatingRules rules;

	private final long defaultMicros;

	private final long earliestMicros;

	private final long latestMicros;

	private final Instant latest;

	private final int maxLineBytes;

	private @Nullable CsvColumns columns;

	private @Nullable CsvFields fields;

	private long line;

	private @Nullable String problemField;

	private @Nullable String problem;

	private int userStart;

	private int userEnd;

	private int itemStart;

	private int itemEnd;

	private float rating;

	private long ratedAtMicros;

	CsvRatingParser(InputStream in, RatingRules rules, int maxLineBytes, Instant now) {
		this.lines = new CsvLineReader(in, maxLineBytes);
		this.rules = rules;
		this.maxLineBytes = maxLineBytes;
		this.defaultMicros = micros(now);
		this.earliestMicros = micros(rules.earliest());
		this.latest = rules.latest(now);
		this.latestMicros = micros(this.latest);
	}

	/**
	 * Read the header: the first line that is not blank.
	 * @return the columns
	 * @throws IOException if reading fails
	 * @throws io.mixrec.web.ApiException 400 if there is no usable header
	 */
	CsvColumns readHeader() throws IOException {
		while (this.lines.next()) {
			if (this.lines.tooLong()) {
				throw CsvColumns.malformed("The CSV header is longer than " + this.maxLineBytes + " bytes.");
			}
			byte[] b = this.lines.buffer();
			int start = this.lines.start();
			if (this.lines.lineNumber() == 1 && this.lines.end() - start >= 3 && b[start] == (byte) 0xef
					&& b[start + 1] == (byte) 0xbb && b[start + 2] == (byte) 0xbf) {
				start += 3; // UTF-8 byte order mark
			}
			if (CsvNumbers.isBlank(b, start, this.lines.end())) {
				continue;
			}
			CsvFields header = new CsvFields(MAX_HEADER_COLUMNS);
			if (!header.split(b, start, this.lines.end(), MAX_HEADER_COLUMNS)) {
				throw CsvColumns.malformed("The CSV header " + header.problem() + ".");
			}
			CsvColumns found = CsvColumns.of(header, b);
			this.columns = found;
			this.fields = new CsvFields(found.needed());
			return found;
		}
		throw CsvColumns.malformed("The CSV is empty: expected a header line naming the columns.");
	}

	/**
	 * Advance to the next data line.
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	boolean next() throws IOException {
		while (this.lines.next()) {
			this.line = this.lines.lineNumber();
			this.problem = null;
			this.problemField = null;
			if (this.lines.tooLong()) {
				reject(null, "is longer than " + this.maxLineBytes + " bytes");
				return true;
			}
			if (!CsvNumbers.isBlank(this.lines.buffer(), this.lines.start(), this.lines.end())) {
				parse(this.lines.buffer(), this.lines.start(), this.lines.end());
				return true;
			}
		}
		return false;
	}

	private void parse(byte[] b, int start, int end) {
		CsvColumns columns = this.columns;
		CsvFields fields = this.fields;
		if (columns == null || fields == null) {
			throw new IllegalStateException("readHeader() first");
		}
		if (!fields.split(b, start, end, columns.needed())) {
			reject(null, fields.problem());
			return;
		}
		if (fields.count() < columns.needed()) {
			reject(null, "has " + fields.count() + " fields; expected at least " + columns.needed());
			return;
		}
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

	private boolean parseRating(byte[] b, CsvFields fields, CsvColumns columns) {
		int column = columns.rating();
		double value = CsvNumbers.decimal(b, fields.start(column), fields.end(column));
		String ratingProblem = Double.isNaN(value) ? "must be a number" : this.rules.ratingProblem(value);
		if (ratingProblem != null) {
			reject(columns.name(column), ratingProblem);
			return false;
		}
		this.rating = (float) value;
		return true;
	}

	private void parseRatedAt(byte[] b, CsvFields fields, CsvColumns columns) {
		int column = columns.ratedAt();
		if (column < 0 || CsvNumbers.isBlank(b, fields.start(column), fields.end(column))) {
			this.ratedAtMicros = this.defaultMicros;
			return;
		}
		long micros;
		long seconds = CsvNumbers.epochSeconds(b, fields.start(column), fields.end(column));
		if (seconds != CsvNumbers.NOT_AN_INTEGER) {
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
		return this.lines.buffer();
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
