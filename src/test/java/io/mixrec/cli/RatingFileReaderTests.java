package io.mixrec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import io.mixrec.em.RatingMatrix;
import io.mixrec.tabular.TextNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Both input formats, header detection, shared dictionaries and the errors that name a
 * file and line.
 */
class RatingFileReaderTests {

	@TempDir
	Path dir;

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	private static double rating(RatingData data, String user, String item) {
		return data.matrix().get(data.users().indexOf(user), data.items().indexOf(item));
	}

	@Test
	void readsMovieLensTabSeparatedWithAndWithoutTimestamp() throws IOException {
		RatingData data = RatingFiles
			.load(write("u.data", "196\t242\t3\t881250949\n186\t302\t3.5\n\n196\t302\t1\t0\n"));
		assertThat(data.matrix().ratings()).isEqualTo(3);
		// numbered in id order, not in the file's order
		assertThat(data.users().ids()).containsExactly("186", "196");
		assertThat(data.items().ids()).containsExactly("242", "302");
		assertThat(rating(data, "186", "302")).isEqualTo(3.5);
		assertThat(rating(data, "196", "302")).isEqualTo(1);
	}

	@Test
	void readsMovieLensLatestRatingsWithHalfStarsAsTheServiceDoes() throws Exception {
		Path file = Path.of(getClass().getResource("/movielens/ratings.csv").toURI());

		RatingData data = RatingFiles.load(file);

		assertThat(data.matrix().ratings()).isEqualTo(10);
		int user = data.users().indexOf("3");
		int item = data.items().indexOf("31");
		assertThat(data.matrix().get(user, item)).isEqualTo(0.5);
	}

	@Test
	void findsCsvColumnsByNameIgnoringCaseOrderAndExtraColumns() throws IOException {
		Path file = write("ratings.csv", "\uFEFFTimestamp,MovieId,title,Rating,USERID\n"
				+ "1,m1,\"Heat, 1995\",4.5,alice\n" + "2,m2,Up,2,bob\n" + " 3 , m1 , x , 5 , bob \n");
		RatingData data = RatingFiles.load(file);
		assertThat(data.users().ids()).containsExactly("alice", "bob");
		assertThat(data.items().ids()).containsExactly("m1", "m2");
		assertThat(rating(data, "alice", "m1")).isEqualTo(4.5);
		assertThat(rating(data, "bob", "m1")).isEqualTo(5);
	}

	@Test
	void acceptsEveryListedColumnName() throws IOException {
		RatingData data = RatingFiles.load(write("a.csv", "user_id,item_id,rating\n1,2,3\n"));
		assertThat(rating(data, "1", "2")).isEqualTo(3);
		data = RatingFiles.load(write("b.csv", "user,item,rating,timestamp\n1,2,4,5\n"));
		assertThat(rating(data, "1", "2")).isEqualTo(4);
		data = RatingFiles.load(write("c.csv", "userId,itemId,rating\n\"u \"\"1\"\"\",2,5\n"));
		assertThat(rating(data, "u \"1\"", "2")).isEqualTo(5);
	}

	@Test
	void readsHeaderlessCsvPositionally() throws IOException {
		RatingData data = RatingFiles.load(write("plain.csv", "7,8,2.25\n"));
		assertThat(rating(data, "7", "8")).isEqualTo(2.25);
	}

	@Test
	void keepsTheLastRatingOfARepeatedPair() throws IOException {
		RatingData data = RatingFiles.load(write("dup.tsv", "1\t1\t2\n1\t1\t4\n"));
		assertThat(data.matrix().ratings()).isEqualTo(1);
		assertThat(rating(data, "1", "1")).isEqualTo(4);
	}

	@Test
	void sharesDictionariesAcrossASplit() throws IOException {
		Path train = write("train.tsv", "1\t10\t4\n2\t20\t3\n");
		Path test = write("test.tsv", "2\t10\t5\n3\t30\t1\n");
		RatingFiles.Split split = RatingFiles.loadSplit(train, test);
		// user 3 and item 30 exist only in the test file: appended after the training ids
		assertThat(split.train().users()).isEqualTo(2);
		assertThat(split.train().items()).isEqualTo(3);
		assertThat(split.test().users()).isEqualTo(3);
		assertThat(split.testOnlyUsers()).isEqualTo(1);
		assertThat(split.testOnlyItems()).isEqualTo(1);
		assertThat(split.test().get(1, 0)).isEqualTo(5);
		assertThat(split.test().get(2, 2)).isEqualTo(1);
	}

	@Test
	void numbersTrainingIdsInIdOrderBeforeTestOnlyOnes() throws IOException {
		Path train = write("train.tsv", "b\ty\t4\na\tz\t3\n");
		Path test = write("test.tsv", "0\tx\t5\na\ty\t1\n");
		RatingFiles.Split split = RatingFiles.loadSplit(train, test);
		// training users a, b; items y, z; then the test-only user 0 and item x
		assertThat(split.train().get(0, 1)).isEqualTo(3);
		assertThat(split.train().get(1, 0)).isEqualTo(4);
		assertThat(split.test().get(2, 2)).isEqualTo(5);
		assertThat(split.test().get(0, 0)).isEqualTo(1);
		assertThat(split.testOnlyUsers()).isEqualTo(1);
		assertThat(split.testOnlyItems()).isEqualTo(1);
	}

	@Test
	void namesFileAndLineOfABadRating() throws IOException {
		Path file = write("bad.tsv", "1\t1\t4\n1\t2\tfour\n");
		assertThatExceptionOfType(InputException.class).isThrownBy(() -> RatingFiles.load(file))
			.withMessage(file + ":2: rating 'four' is not a finite number");
	}

	@Test
	void namesFileAndLineOfAShortLine() throws IOException {
		Path file = write("short.csv", "userId,movieId,rating\n1,2,3\n\n1,2\n");
		assertThatExceptionOfType(InputException.class).isThrownBy(() -> RatingFiles.load(file))
			.withMessage(file + ":4: line has 2 fields separated by commas; expected at least 3");
	}

	@Test
	void rejectsEmptyIdsNonFiniteRatingsAndHeadersWithoutItem() throws IOException {
		Path empty = write("e.tsv", "\t1\t4\n");
		assertThatExceptionOfType(InputException.class).isThrownBy(() -> RatingFiles.load(empty))
			.withMessage(empty + ":1: empty user id");
		Path nan = write("n.tsv", "1\t1\t4\n1\t2\tNaN\n");
		assertThatExceptionOfType(InputException.class).isThrownBy(() -> RatingFiles.load(nan))
			.withMessageContaining(":2: rating 'NaN'");
		Path header = write("h.csv", "userId,title,rating\n");
		assertThatExceptionOfType(InputException.class).isThrownBy(() -> RatingFiles.load(header))
			.withMessageContaining("The header must name a user column (userId, user_id or user), an item column");
		Path nothing = write("z.tsv", "");
		assertThatExceptionOfType(InputException.class).isThrownBy(() -> RatingFiles.load(nothing))
			.withMessageContaining("The file is empty");
		assertThatExceptionOfType(InputException.class)
			.isThrownBy(() -> RatingFiles.load(this.dir.resolve("missing.tsv")))
			.withMessageContaining("no such file");
	}

	@Test
	void fastRatingParserAgreesWithFloatParseFloat() {
		SplittableRandom random = new SplittableRandom(11);
		for (int n = 0; n < 100_000; n++) {
			int fraction = random.nextInt(4);
			long digits = random.nextLong(1_000_000_000L);
			String text = Long.toString(digits);
			if (fraction > 0) {
				while (text.length() <= fraction) {
					text = "0" + text;
				}
				text = text.substring(0, text.length() - fraction) + "." + text.substring(text.length() - fraction);
			}
			if (random.nextBoolean()) {
				text = "-" + text;
			}
			float fast = (float) decimal(text);
			assertThat(fast).as(text).isEqualTo(Float.parseFloat(text));
		}
		assertThat((float) decimal("4")).isEqualTo(4f);
		assertThat((float) decimal("1e3")).isEqualTo(1000f);
		assertThat(decimal("four")).isNaN();
	}

	@Test
	void cachesOnlyCanonicalNumericIds() {
		assertThat(IdLookup.canonicalNumber(bytes("x123"), 1, 4)).isEqualTo(123);
		assertThat(IdLookup.canonicalNumber(bytes("007"), 0, 3)).isEqualTo(-1);
		assertThat(IdLookup.canonicalNumber(bytes("0"), 0, 1)).isZero();
		assertThat(IdLookup.canonicalNumber(bytes("1234567890"), 0, 10)).isEqualTo(-1);
		IdDictionary dictionary = new IdDictionary();
		IdLookup lookup = new IdLookup(dictionary);
		for (int id = 0; id < 5000; id++) {
			String text = (id % 3 == 0) ? "0" + id : Integer.toString(id);
			assertThat(lookup.index(bytes(text), 0, text.length())).isEqualTo(id);
			assertThat(lookup.index(bytes(text), 0, text.length())).isEqualTo(id);
		}
		assertThat(dictionary.idOf(3)).isEqualTo("03");
		assertThat(dictionary.size()).isEqualTo(5000);
	}

	@Test
	void buildsTheMatrixSizedToTheDictionaries() throws IOException {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		IdDictionary users = new IdDictionary();
		IdDictionary items = new IdDictionary();
		long read = RatingFileReader.read(write("x.tsv", "a\tb\t1\n"), users, items, builder);
		assertThat(read).isEqualTo(1);
		assertThat(builder.build(users.size(), items.size()).get(0, 0)).isEqualTo(1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static double decimal(String text) {
		return TextNumbers.decimal(bytes(text), 0, bytes(text).length);
	}

}
