package io.mixrec.ratings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mixrec.database.BinaryCopyWriter;
import io.mixrec.tabular.RatingFormat;
import io.mixrec.testsupport.CapturedCopy;
import io.mixrec.web.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvRatingParserTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");

	private static final long NOW_MICROS = 1_780_315_200_123_456L;

	/**
	 * 2000-01-01T00:00:00Z, the epoch of PostgreSQL's timestamps, in Unix microseconds.
	 */
	private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	private final RatingRules rules = new RatingRules(RatingRulesTests.properties(1, 5, 0.5));

	@Test
	void readsMovieLensRatings() throws Exception {
		List<String> rows = parse("userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n");

		assertThat(rows).containsExactly("2: 1|31|2.5|1260759144000000", "3: 1|1029|3.0|1260759179000000");
	}

	@Test
	void findsColumnsByAnyAliasInAnyOrderIgnoringOthers() throws Exception {
		assertThat(parse("Rating, ITEM_ID ,extra,user,RatedAt\n4,i,x,u,2026-01-02T03:04:05Z\n"))
			.containsExactly("2: u|i|4.0|1767323045000000");
		assertThat(parse("user_id,item,rating\nu,i,4\n")).containsExactly("2: u|i|4.0|" + NOW_MICROS);
		assertThat(parse("userid,movie_id,rating,rated_at\nu,i,4,\n")).containsExactly("2: u|i|4.0|" + NOW_MICROS);
	}

	@Test
	void handlesQuotesByteOrderMarkCrLfBlankLinesAndAMissingFinalNewline() throws Exception {
		String csv = "\uFEFFuserId,itemId,rating\r\n\r\n\"u,1\",\"say \"\"hi\"\"\",\"4.5\"\r\n  \n\"\",i,4\r\nu,\"i\"x,4";

		assertThat(parse(csv)).containsExactly("3: u,1|say \"hi\"|4.5|" + NOW_MICROS,
				"5: error userId: must not be empty", "6: error -: has a character after a closing quote (field 2)");
	}

	@Test
	void acceptsLoneCarriageReturnsAsLineBreaks() throws Exception {
		assertThat(parse("user,item,rating\ru1,i1,4\r\ru2,i2,3\r\nu3,i3,2\ru4,i4,1")).containsExactly(
				"2: u1|i1|4.0|" + NOW_MICROS, "4: u2|i2|3.0|" + NOW_MICROS, "5: u3|i3|2.0|" + NOW_MICROS,
				"6: u4|i4|1.0|" + NOW_MICROS);
	}

	@Test
	void trimsUnquotedIdsLikeNumbersAndKeepsQuotedOnes() throws Exception {
		assertThat(parse("user,item,rating\n u1 ,\ti1\t, 4 \n\" u2 \",i2,4\n"))
			.containsExactly("2: u1|i1|4.0|" + NOW_MICROS, "3:  u2 |i2|4.0|" + NOW_MICROS);
	}

	@Test
	void reportsBadLinesWithTheColumnNameOfTheHeader() throws Exception {
		String csv = """
				User,Movie_Id,Rating,Timestamp
				u,i,x,1
				u,i,5.5,1
				u,i,4,-1
				u,i,4,99999999999
				u,i,4,2026-06-01T12:00:00+01:00
				u,i
				u,"i,4,1
				u,i,4,1,extra,"unterminated
				""";

		assertThat(parse(csv)).containsExactly("2: error Rating: must be a number",
				"3: error Rating: must be between 1.0 and 5.0",
				"4: error Timestamp: must not be before 1970-01-01T00:00:00Z",
				"5: error Timestamp: must not be more than PT24H in the future", "6: u|i|4.0|1780311600000000",
				"7: error -: has 2 fields separated by commas; expected at least 4",
				"8: error -: has an unterminated quoted field (field 2)", "9: u|i|4.0|1000000");
	}

	@Test
	void skipsLinesLongerThanTheLimitWithoutHoldingThem() throws Exception {
		String longLine = "u," + "i".repeat(3000) + ",4\n";
		String csv = "user,item,rating\nu,a,4\n" + longLine + "u,b,4\n" + longLine.repeat(3) + "u,c,4";

		assertThat(parse(csv, 1024)).containsExactly("2: u|a|4.0|" + NOW_MICROS,
				"3: error -: is longer than 1024 bytes", "4: u|b|4.0|" + NOW_MICROS,
				"5: error -: is longer than 1024 bytes", "6: error -: is longer than 1024 bytes",
				"7: error -: is longer than 1024 bytes", "8: u|c|4.0|" + NOW_MICROS);
	}

	@Test
	void linesSpanningReadsAreReassembled() throws Exception {
		StringBuilder csv = new StringBuilder("user,item,rating\n");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			csv.append("user-")
				.append(i)
				.append(",item-é-")
				.append(i)
				.append(",")
				.append(1 + (i % 9) / 2.0)
				.append('\n');
			expected
				.add((i + 2) + ": user-" + i + "|item-é-" + i + "|" + (float) (1 + (i % 9) / 2.0) + "|" + NOW_MICROS);
		}

		assertThat(parse(csv.toString())).isEqualTo(expected);
	}

	@Test
	void headerMustNameUserItemAndRatingOnce() {
		assertMalformed("", "The file is empty");
		assertMalformed("\n \n", "The file is empty");
		assertMalformed("user,item\n", "Found: user, item.");
		assertMalformed("user,item,rating,userId\n", "names the userId column twice: 'user' and 'userId'");
		assertMalformed("\"user,item,rating\n", "The first line has no tab, comma");
	}

	private void assertMalformed(String csv, String detail) {
		assertThatExceptionOfType(UnreadableInputException.class).isThrownBy(() -> parse(csv))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.MALFORMED))
			.withMessageContaining(detail);
	}

	private List<String> parse(String csv) throws IOException, SQLException {
		return parse(csv, 1024 * 1024);
	}

	private List<String> parse(String csv, int maxLineBytes) throws IOException, SQLException {
		return parse(csv, maxLineBytes, RatingFormat.SNIFF);
	}

	private List<String> parse(String csv, int maxLineBytes, RatingFormat format) throws IOException, SQLException {
		CsvRatingParser parser = new CsvRatingParser(new Trickle(csv.getBytes(StandardCharsets.UTF_8)), format,
				this.rules, maxLineBytes, NOW);
		parser.readLayout();
		List<String> rows = new ArrayList<>();
		while (parser.next()) {
			if (parser.problem() != null) {
				rows.add(parser.line() + ": error " + ((parser.problemField() != null) ? parser.problemField() : "-")
						+ ": " + parser.problem());
			}
			else {
				rows.add(parser.line() + ": " + staged(parser));
			}
		}
		return rows;
	}

	/** The staging row of the current line, as user|item|rating|epoch microseconds. */
	private static String staged(CsvRatingParser parser) throws SQLException {
		CapturedCopy copy = new CapturedCopy();
		BinaryCopyWriter writer = new BinaryCopyWriter(() -> copy, 1024);
		parser.copyTo(writer);
		writer.finish();
		List<byte[]> fields = copy.rows().get(0);
		assertThat(fields).hasSize(CsvRatingParser.STAGED_FIELDS);
		assertThat(ByteBuffer.wrap(fields.get(4)).getLong()).isEqualTo(parser.line());
		return new String(fields.get(0), StandardCharsets.UTF_8) + "|"
				+ new String(fields.get(1), StandardCharsets.UTF_8) + "|" + ByteBuffer.wrap(fields.get(2)).getFloat()
				+ "|" + (ByteBuffer.wrap(fields.get(3)).getLong() + POSTGRES_EPOCH_MICROS);
	}

	/** Hands out its bytes a few at a time, as a network stream may. */
	private static final class Trickle extends InputStream {

		private final ByteArrayInputStream in;

		private int calls;

		Trickle(byte[] bytes) {
			this.in = new ByteArrayInputStream(bytes);
		}

		@Override
		public int read() {
			return this.in.read();
		}

		@Override
		public int read(byte[] b, int off, int len) {
			return this.in.read(b, off, Math.min(len, 1 + (this.calls++ % 7) * 13));
		}

	}

}
