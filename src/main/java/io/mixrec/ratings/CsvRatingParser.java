package io.mixrec.ratings;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;

import io.mixrec.database.BinaryCopyWriter;
import io.mixrec.tabular.RatingFormat;
import io.mixrec.tabular.RatingLayout;
import io.mixrec.tabular.RatingRecords;
import io.mixrec.tabular.TextNumbers;

/**
 * Validates the data lines of a ratings file, one at a time, straight from the request's
 * bytes as {@link RatingRecords} hands them out (the layout sniffed or as the client gave
 * it), and stages each valid one as the row {@code (user_ext text, item_ext text,
 * rating real, rated_at timestamptz, line bigint)} of {@link RatingImporter}'s staging
 * table, with the ids copied as the UTF-8 bytes of the input. Blank lines are skipped. A
 * missing or empty time means the time of the import.
 */
final class CsvRatingParser extends ImportParser<RatingLayout> {

	/** The columns of the staging row. */
	static final int STAGED_FIELDS = 5;

	private static final long MICROS_PER_SECOND = 1_000_000L;

	private static final long MAX_SECONDS = Long.MAX_VALUE / MICROS_PER_SECOND;

	private final RatingRecords records;

	private final RatingRules rules;

	private final long defaultMicros;

	private final long earliestMicros;

	private final long latestMicros;

	private final Instant latest;

	private int userStart;

	private int userEnd;

	private int itemStart;

	private int itemEnd;

	private float rating;

	private long ratedAtMicros;

	CsvRatingParser(InputStream in, RatingFormat format, RatingRules rules, int maxLineBytes, Instant now) {
		this(new RatingRecords(in, format, maxLineBytes), rules, now);
	}

	private CsvRatingParser(RatingRecords records, RatingRules rules, Instant now) {
		super(records);
		this.records = records;
		this.rules = rules;
		this.defaultMicros = micros(now);
		this.earliestMicros = micros(rules.earliest());
		this.latest = rules.latest(now);
		this.latestMicros = micros(this.latest);
	}

	@Override
	void parse(RatingLayout columns) {
		RatingRecords fields = this.records;
		byte[] b = fields.buffer();
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

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
	}

	@Override
	void copyTo(BinaryCopyWriter copy) throws SQLException {
		byte[] b = this.records.buffer();
		copy.row(STAGED_FIELDS);
		copy.text(b, this.userStart, this.userEnd);
		copy.text(b, this.itemStart, this.itemEnd);
		copy.float4(this.rating);
		copy.timestamptz(this.ratedAtMicros);
		copy.int8(line());
	}

}
