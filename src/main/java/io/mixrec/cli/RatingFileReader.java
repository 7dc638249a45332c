package io.mixrec.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mixrec.em.IdDictionary;
import io.mixrec.em.RatingMatrix;

/**
 * Reads a rating file into a matrix builder, mapping external string ids to dense indices
 * through dictionaries that several files can share.
 *
 * <p>
 * Two formats, told apart by the first line: MovieLens {@code u.data} style (user, item,
 * rating and an optional timestamp, tab-separated, no header) and CSV with a header whose
 * columns are found by name ({@link Columns}). The separator is a tab if the first line
 * has one, else a comma; a first line naming a user column is a header in either case,
 * otherwise columns are positional. Blank lines are skipped; any other line that cannot
 * be read is an {@link InputException} naming the file, the line and the problem.
 *
 * <p>
 * Ten million lines should load in seconds, so the common line (no quotes, numeric ids)
 * is parsed in place: field bounds instead of substrings, ids through {@link IdLookup},
 * ratings by {@link RatingText}.
 */
final class RatingFileReader {

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
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
			return new RatingFileReader(file, users, items, builder).read(reader);
		}
	}

	private long read(BufferedReader reader) throws IOException {
		String first = reader.readLine();
		if (first == null) {
			throw new InputException(this.file, "empty file: expected ratings");
		}
		if (first.startsWith("\uFEFF")) {
			first = first.substring(1);
		}
		char separator = (first.indexOf('\t') >= 0) ? '\t' : ',';
		Columns columns = Columns.detect(this.file, Fields.split(first, separator));
		int[] bounds = new int[2 * (columns.last() + 1)];
		long count = 0;
		long number = columns.header() ? 2 : 1;
		String line = columns.header() ? reader.readLine() : first;
		for (; line != null; line = reader.readLine(), number++) {
			if (line.isBlank()) {
				continue;
			}
			int fields = Fields.bounds(line, separator, bounds);
			if (fields < 0) {
				addQuoted(number, Fields.split(line, separator), columns, separator);
			}
			else {
				requireFields(number, fields, columns, separator);
				int user = id(number, this.users, line, bounds, columns.user(), "user");
				int item = id(number, this.items, line, bounds, columns.item(), "item");
				float rating = rating(number, line, bounds[2 * columns.rating()], bounds[2 * columns.rating() + 1]);
				this.builder.add(user, item, rating);
			}
			count++;
		}
		return count;
	}

	private void addQuoted(long number, String[] fields, Columns columns, char separator) {
		requireFields(number, fields.length, columns, separator);
		String user = fields[columns.user()];
		String item = fields[columns.item()];
		if (user.isEmpty() || item.isEmpty()) {
			throw new InputException(this.file, number, "empty " + (user.isEmpty() ? "user" : "item") + " id");
		}
		String rating = fields[columns.rating()];
		this.builder.add(this.users.index(user, 0, user.length()), this.items.index(item, 0, item.length()),
				rating(number, rating, 0, rating.length()));
	}

	private void requireFields(long number, int fields, Columns columns, char separator) {
		if (fields <= columns.last()) {
			throw new InputException(this.file, number, "expected at least " + (columns.last() + 1)
					+ " fields separated by " + ((separator == '\t') ? "tabs" : "commas") + ", found " + fields);
		}
	}

	private int id(long number, IdLookup lookup, String line, int[] bounds, int field, String what) {
		int from = bounds[2 * field];
		int to = bounds[2 * field + 1];
		if (from == to) {
			throw new InputException(this.file, number, "empty " + what + " id");
		}
		return lookup.index(line, from, to);
	}

	private float rating(long number, String line, int from, int to) {
		float value = RatingText.parse(line, from, to);
		if (Float.isNaN(value)) {
			try {
				value = Float.parseFloat(line.substring(from, to));
			}
			catch (NumberFormatException ex) {
				value = Float.NaN;
			}
		}
		if (!Float.isFinite(value)) {
			throw new InputException(this.file, number,
					"rating '" + line.substring(from, to) + "' is not a finite number");
		}
		return value;
	}

}
