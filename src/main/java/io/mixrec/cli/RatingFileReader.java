package io.mixrec.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mixrec.em.RatingMatrix;
import io.mixrec.tabular.RatingFormat;
import io.mixrec.tabular.RatingLayout;
import io.mixrec.tabular.RatingRecords;
import io.mixrec.tabular.TableFormatException;
import io.mixrec.tabular.TextNumbers;

/**
 * Reads a rating file into a matrix builder, mapping external string ids to dense indices
 * through dictionaries that several files can share.
 *
 * <p>
 * The file is read by {@link RatingRecords}, the reader of the service's import, so the
 * command line takes the same files: MovieLens {@code u.data} (tab-separated, no header),
 * {@code ratings.csv} (a header whose columns are found by name) and the other layouts
 * that can be told from the first line. Blank lines are skipped; any other line that
 * cannot be read is an {@link InputException} naming the file, the line and the problem.
 *
 * <p>
 * Ten million lines should load in seconds, so lines are parsed in place, as bytes: ids
 * through {@link IdLookup}, ratings by {@link TextNumbers}.
 */
final class RatingFileReader {

	/** The longest line; the service's default limit. */
	private static final int MAX_LINE_BYTES = 1024 * 1024;

	private final Path file;

	private final IdLookup users;

	private final IdLookup items;

	private final RatingMatrix.Builder builder;

	private RatingFileReader(Path file, IdDictionary users, IdDictionary items, RatingMatrix.Builder builder) {
		this.file = file;
		this.users = new IdLookup(users);
		this.items = new IdLookup(items);
		this.builder = builder;
	}

	/**
	 * @param file the file to read
	 * @param users user dictionary, extended with new ids
	 * @param items item dictionary, extended with new ids
	 * @param builder receives one triple per line
	 * @return the number of ratings read
	 * @throws IOException when the file cannot be read
	 */
	static long read(Path file, IdDictionary users, IdDictionary items, RatingMatrix.Builder builder)
			throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new InputException(file, "no such file");
		}
		try (InputStream in = Files.newInputStream(file)) {
			return new RatingFileReader(file, users, items, builder)
				.read(new RatingRecords(in, RatingFormat.SNIFF, MAX_LINE_BYTES));
		}
	}

	private long read(RatingRecords records) throws IOException {
		RatingLayout layout;
		try {
			layout = records.layout();
		}
		catch (TableFormatException ex) {
			throw new InputException(this.file, ex.getMessage());
		}
		long count = 0;
		while (records.next()) {
			long line = records.line();
			String problem = records.problem();
			if (problem != null) {
				throw new InputException(this.file, line, "line " + problem);
			}
			byte[] b = records.buffer();
			int user = id(line, this.users, records, layout.user(), "user");
			int item = id(line, this.items, records, layout.item(), "item");
			int from = records.start(layout.rating());
			int to = records.end(layout.rating());
			double rating = TextNumbers.decimal(b, from, to);
			if (!Double.isFinite(rating)) {
				throw new InputException(this.file, line, "rating '"
						+ new String(b, from, to - from, StandardCharsets.UTF_8) + "' is not a finite number");
			}
			this.builder.add(user, item, (float) rating);
			count++;
		}
		return count;
	}

	private int id(long line, IdLookup lookup, RatingRecords records, int field, String what) {
		int from = records.start(field);
		int to = records.end(field);
		if (from == to) {
			throw new InputException(this.file, line, "empty " + what + " id");
		}
		return lookup.index(records.buffer(), from, to);
	}

}
