package io.mixrec.tabular;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RFC 4180 records of catalogue files, and the sniffing of their layout.
 */
class ItemRecordsTests {

	@Test
	void readsMoviesCsvWithQuotedCommasEscapedQuotesAndLineBreaks() throws IOException {
		String csv = "movieId,title,genres\r\n" //
				+ "11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n" //
				+ "12,\"Say \"\"Hi\"\"\",Comedy\r\n" //
				+ "13,\"Two\nlines, and\r\nthree\",\r\n" //
				+ "14,After,Drama";

		assertThat(read(csv, ItemFormat.SNIFF)).containsExactly("layout , header=true id=0 title=1 ml=false",
				"2: 11|American President, The (1995)|Comedy|Drama|Romance", "3: 12|Say \"Hi\"|Comedy",
				"4: 13|Two\nlines, and\r\nthree|", "7: 14|After|Drama");
	}

	@Test
	void lineBreaksAreCountedWhateverTheyAre() throws IOException {
		assertThat(read("id\rone\r\"a\rb\"\rtwo\n", ItemFormat.of(null, "comma", null, null)))
			.containsExactly("layout , header=true id=0 title=-1 ml=false", "2: one", "3: a\rb", "5: two");
	}

	@Test
	void aQuoteLeftOpenSpoilsTheRestOfTheFileAsOneBadRecord() throws IOException {
		assertThat(read("id,title\n1,\"open\n2,b\n3,c\n", ItemFormat.SNIFF)).containsExactly(
				"layout , header=true id=0 title=1 ml=false", "2: error has an unterminated quoted field (field 2)");
		assertThat(read("id,title\n1,\"x\"y\n2,b\n", ItemFormat.SNIFF)).containsExactly(
				"layout , header=true id=0 title=1 ml=false",
				"2: error has a character after a closing quote (field 2)", "3: 2|b");
		assertThat(read("id,title\n1,a\"b\"\n2,b\n", ItemFormat.SNIFF)).containsExactly(
				"layout , header=true id=0 title=1 ml=false", "2: error has a quote inside an unquoted field (field 2)",
				"3: 2|b");
	}

	@Test
	void aRecordLongerThanTheLimitIsABadRecordEvenAcrossQuotedLineBreaks() throws IOException {
		String longTitle = "\"" + "x\n".repeat(1000) + "\"";
		assertThat(read("id,title\n1," + longTitle + "\n2,b\n", ItemFormat.SNIFF)).containsExactly(
				"layout , header=true id=0 title=1 ml=false", "2: error is longer than 1024 bytes", "1003: 2|b");
	}

	@Test
	void recognisesMovieLens100kItemsWithoutParameters() throws IOException {
		String item = "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)"
				+ "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n";

		List<String> rows = read(item, ItemFormat.SNIFF);

		assertThat(rows.get(0)).isEqualTo("layout | header=false id=0 title=1 ml=true");
		assertThat(rows.get(1)).startsWith("1: 1|Toy Story (1995)|01-Jan-1995||http://");
		assertThat(read(item, ItemFormat.of("movielens-100k", null, null, null)).get(0))
			.isEqualTo("layout | header=false id=0 title=1 ml=true");
		assertThat(read("1|Toy Story|0|1\n", ItemFormat.of("movielens-100k", null, null, null))).containsExactly(
				"layout | header=false id=0 title=1 ml=true", "1: error has 4 fields; MovieLens 100K's u.item has 24");
	}

	@Test
	void refusesWhatItCannotTell() {
		assertFormatProblem("1,Toy Story\n", ItemFormat.SNIFF,
				"Cannot tell the columns: the first line names no item id column (id, itemId, item_id, movieId,"
						+ " movie_id or item) and is not MovieLens 100K's u.item. Pass columns=... (with header=true"
						+ " if the first line is a header), or format=movielens-100k.");
		assertFormatProblem("1|Toy Story|x\n", ItemFormat.SNIFF, "Cannot tell the columns");
		assertFormatProblem("title,year\nHeat,1995\n", ItemFormat.of(null, null, "true", null),
				"The header must name an item id column");
		assertFormatProblem("1,Heat\n", ItemFormat.of(null, null, "false", null),
				"Without a header the columns must be given");
		assertFormatProblem("id,title,Title\n", ItemFormat.SNIFF, "names the column 'Title' twice");
		assertFormatProblem("", ItemFormat.SNIFF, "The file is empty");
		assertThatExceptionOfType(TableFormatException.class)
			.isThrownBy(() -> ItemFormat.of("movielens-100k", "pipe", null, null))
			.withMessage("format=movielens-100k fixes delimiter, header and columns; leave them out.");
		assertThatExceptionOfType(TableFormatException.class).isThrownBy(() -> ItemFormat.of("xml", null, null, null))
			.withMessage("format must be movielens-100k or csv (the default), not 'xml'.");
	}

	@Test
	void columnsGivenReadAFileWithoutHeader() throws IOException {
		assertThat(read("1\tHeat\t1995\n", ItemFormat.of(null, null, null, "id,title,year")))
			.containsExactly("layout \t header=false id=0 title=1 ml=false", "1: 1|Heat|1995");
	}

	@Test
	void readingIsLinearInTheInput() throws IOException {
		// A quote-heavy record as long as the limit allows, many times over: every byte
		// is
		// looked at a bounded number of times, so this takes milliseconds, not minutes.
		String hostile = "1,\"" + "\"\"".repeat(500) + "\"\n";
		StringBuilder csv = new StringBuilder("id,title\n");
		for (int i = 0; i < 20_000; i++) {
			csv.append(hostile);
		}
		long started = System.nanoTime();
		List<String> rows = read(csv.toString(), ItemFormat.SNIFF);
		assertThat(rows).hasSize(20_001);
		assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
	}

	private static void assertFormatProblem(String data, ItemFormat format, String message) {
		assertThatExceptionOfType(TableFormatException.class).isThrownBy(() -> read(data, format))
			.withMessageContaining(message);
	}

	private static List<String> read(String data, ItemFormat format) throws IOException {
		InputStream in = new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8));
		ItemRecords records = new ItemRecords(in, format, 1024);
		ItemLayout layout = records.layout();
		List<String> rows = new ArrayList<>();
		rows.add("layout " + (char) layout.delimiter() + " header=" + layout.header() + " id=" + layout.id() + " title="
				+ layout.title() + " ml=" + layout.movieLens100k());
		while (records.next()) {
			if (records.problem() != null) {
				rows.add(records.line() + ": error " + records.problem());
				continue;
			}
			StringBuilder row = new StringBuilder(records.line() + ": ");
			for (int column = 0; column < records.count(); column++) {
				row.append((column > 0) ? "|" : "")
					.append(new String(records.buffer(), records.start(column),
							records.end(column) - records.start(column), StandardCharsets.UTF_8));
			}
			rows.add(row.toString());
		}
		return rows;
	}

}
