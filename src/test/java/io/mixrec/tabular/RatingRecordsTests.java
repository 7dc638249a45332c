package io.mixrec.tabular;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sniffing of delimiter, header and columns, and what the parameters override.
 */
class RatingRecordsTests {

	@Test
	void readsMovieLens100kRatingsAsTheyAre() throws IOException {
		String data = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n";

		assertThat(read(data, RatingFormat.SNIFF)).containsExactly("layout \\t header=false u0 i1 r2 t3",
				"1: 196|242|3|881250949", "2: 186|302|3|891717742");
	}

	@Test
	void readsMovieLensLatestRatingsAsTheyAre() throws IOException {
		String data = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,0.5,964981247\n";

		assertThat(read(data, RatingFormat.SNIFF)).containsExactly("layout , header=true u0 i1 r2 t3",
				"2: 1|1|4.0|964982703", "3: 1|3|0.5|964981247");
	}

	@Test
	void sniffsAHeaderByAnyKnownNameAndDataByANumericRating() throws IOException {
		assertThat(read("Rating;ITEM_ID;x;User\n4;i;x;u\n", RatingFormat.SNIFF))
			.containsExactly("layout ; header=true u3 i1 r0 t-1", "2: 4|i|x|u");
		assertThat(read("u1|i1|4.5\n", RatingFormat.SNIFF)).containsExactly("layout | header=false u0 i1 r2 t3",
				"1: u1|i1|4.5");
	}

	@Test
	void refusesAFirstLineThatIsNeitherClearlyAHeaderNorData() {
		assertFormatProblem("who,what,score\nu,i,4\n", RatingFormat.SNIFF,
				"Cannot tell whether the first line is a header: it names none of the known columns (userId, itemId,"
						+ " rating, timestamp, ...) and its rating field ('score') is not a number. Pass header=true"
						+ " with columns=..., or header=false.");
		assertFormatProblem("u\ti\n", RatingFormat.SNIFF, "The first line has 2 fields separated by tabs");
	}

	@Test
	void refusesAnAmbiguousOrMissingDelimiter() {
		assertFormatProblem("u1\ti1,4\n", RatingFormat.SNIFF,
				"The first line has tabs and commas, so the delimiter is ambiguous; pass delimiter=tab, comma,"
						+ " semicolon or pipe.");
		assertFormatProblem("u1 i1 4\n", RatingFormat.SNIFF,
				"The first line has no tab, comma, semicolon or pipe between fields; pass delimiter= if the file"
						+ " uses another one.");
	}

	@Test
	void delimitersInsideQuotesDoNotCount() throws IOException {
		assertThat(read("\"u,1\"\ti1\t4\n", RatingFormat.SNIFF)).containsExactly("layout \\t header=false u0 i1 r2 t3",
				"1: u,1|i1|4");
	}

	@Test
	void parametersOverrideTheSniffing() throws IOException {
		assertThat(read("who,what,score\nu,i,4\n", RatingFormat.of(null, "true", "user,item,rating")))
			.containsExactly("layout , header=true u0 i1 r2 t-1", "2: u|i|4");
		assertThat(read("i1 u1 x 4\n", RatingFormat.of(" ", "false", "item,user,ignored,rating")))
			.containsExactly("layout   header=false u1 i0 r3 t-1", "1: i1|u1|x|4");
		assertThat(read("1\t2\t3\t4\n", RatingFormat.of("tab", null, "item,user,rating,timestamp")))
			.containsExactly("layout \\t header=false u1 i0 r2 t3", "1: 1|2|3|4");
		assertThat(read("a,b,c\nu,i,4\n", RatingFormat.of("comma", null, "user,item,rating")))
			.as("columns= given, first line's rating field not a number: a header")
			.containsExactly("layout , header=true u0 i1 r2 t-1", "2: u|i|4");
		assertThat(read("userId,movieId,rating\n", RatingFormat.of(null, "false", null)))
			.as("header=false makes the first line data, to be validated as such")
			.containsExactly("layout , header=false u0 i1 r2 t3", "1: userId|movieId|rating");
	}

	@Test
	void refusesBadParameters() {
		assertThatExceptionOfType(TableFormatException.class).isThrownBy(() -> RatingFormat.of("ab", null, null))
			.withMessageContaining("delimiter must be tab, comma, semicolon, pipe or one printable ASCII character");
		assertThatExceptionOfType(TableFormatException.class).isThrownBy(() -> RatingFormat.of("\"", null, null));
		assertThatExceptionOfType(TableFormatException.class).isThrownBy(() -> RatingFormat.of(null, "yes", null))
			.withMessage("header must be true or false, not 'yes'.");
		assertFormatProblem("1,2,3\n", RatingFormat.of(null, null, "user,item"),
				"The columns parameter must name a user column");
	}

	@Test
	void headersMustNameUserItemAndRatingOnce() {
		assertFormatProblem("userId,title,rating\n", RatingFormat.SNIFF,
				"The header must name a user column (userId, user_id or user), an item column (itemId, item_id,"
						+ " movieId, movie_id or item) and a rating column; optionally timestamp, ratedAt or rated_at."
						+ " Found: userId, title, rating.");
		assertFormatProblem("user,item,rating,userId\n", RatingFormat.SNIFF,
				"The header names the userId column twice: 'user' and 'userId'.");
		assertFormatProblem("1,2\n", RatingFormat.SNIFF, "The first line has 2 fields separated by commas");
		assertFormatProblem("", RatingFormat.SNIFF, "The file is empty");
	}

	@Test
	void shortAndMalformedLinesAreProblemsOfTheirLineOnly() throws IOException {
		assertThat(read("1,2,3,4\n1,2,3\n1,\"2,3,4\n\n1,2,3,4", RatingFormat.SNIFF)).containsExactly(
				"layout , header=false u0 i1 r2 t3", "1: 1|2|3|4", "2: 1|2|3",
				"3: error has an unterminated quoted field (field 2)", "5: 1|2|3|4");
	}

	private static void assertFormatProblem(String data, RatingFormat format, String message) {
		assertThatExceptionOfType(TableFormatException.class).isThrownBy(() -> read(data, format))
			.withMessageContaining(message);
	}

	private static List<String> read(String data, RatingFormat format) throws IOException {
		RatingRecords records = new RatingRecords(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)),
				format, 1024);
		RatingLayout layout = records.layout();
		List<String> rows = new ArrayList<>();
		rows.add("layout " + ((layout.delimiter() == '\t') ? "\\t" : Character.toString(layout.delimiter()))
				+ " header=" + layout.header() + " u" + layout.user() + " i" + layout.item() + " r" + layout.rating()
				+ " t" + layout.timestamp());
		while (records.next()) {
			if (records.problem() != null) {
				rows.add(records.line() + ": error " + records.problem());
				continue;
			}
			StringBuilder row = new StringBuilder(records.line() + ": ");
			for (int column = 0; records.has(column); column++) {
				row.append((column > 0) ? "|" : "")
					.append(new String(records.buffer(), records.start(column),
							records.end(column) - records.start(column), StandardCharsets.UTF_8));
			}
			rows.add(row.toString());
		}
		return rows;
	}

}
