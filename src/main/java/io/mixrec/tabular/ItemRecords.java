package io.mixrec.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The reader of catalogue files ({@code POST /items/import}): RFC 4180 records, where a
 * quoted field may hold delimiters, doubled quotes and line breaks, handed out one at a
 * time as field ranges of a byte buffer, undecoded.
 *
 * <p>
 * What the {@link ItemFormat} leaves open is sniffed from the first line: the delimiter
 * as for ratings ({@link Delimiters#sniff}); a header when the line names an id column
 * ({@code id}, {@code itemId}, {@code movieId}, ...); MovieLens 100K's {@code u.item}
 * when the line has its 24 pipe-separated fields with 0/1 genre flags. Anything else
 * without parameters is refused.
 */
public final class ItemRecords {

	/** The most columns a catalogue file may have. */
	public static final int MAX_COLUMNS = 1024;

	private final LineReader lines;

	private final ItemFormat format;

	private final int maxRecordBytes;

	private @Nullable ItemLayout layout;

	private @Nullable Fields firstFields;

	private boolean pending;

	private @Nullable String problem;

	/**
	 * A reader.
	 * @param in the file, read to its end
	 * @param format what the client said about its layout
	 * @param maxRecordBytes the longest record; longer records are bad records
	 */
	public ItemRecords(InputStream in, ItemFormat format, int maxRecordBytes) {
		this.lines = new LineReader(in, maxRecordBytes, true);
		this.format = format;
		this.maxRecordBytes = maxRecordBytes;
	}

	/**
	 * Reads the first record that is not blank and works out the layout.
	 * @return the layout
	 * @throws IOException if reading fails
	 * @throws TableFormatException if the file is empty or its layout cannot be used or
	 * told
	 */
	public ItemLayout layout() throws IOException {
		while (this.lines.next()) {
			if (this.lines.tooLong()) {
				throw new TableFormatException("The first record is longer than " + this.maxRecordBytes + " bytes.");
			}
			byte[] b = this.lines.buffer();
			if (TextNumbers.isBlank(b, this.lines.start(), this.lines.end())) {
				continue;
			}
			byte[] first = Arrays.copyOfRange(b, this.lines.start(), this.lines.end());
			ItemLayout found = sniff(first);
			this.layout = found;
			this.firstFields = new Fields(MAX_COLUMNS, found.delimiter(), true);
			this.pending = !found.header();
			return found;
		}
		throw new TableFormatException("The file is empty: expected items, or a header line naming the columns.");
	}

	private ItemLayout sniff(byte[] first) {
		if (this.format.movieLens100k()) {
			return ItemLayout.forMovieLens100k();
		}
		Byte given = this.format.delimiter();
		byte delimiter = (given != null) ? given : Delimiters.sniff(first, 0, first.length);
		Fields split = new Fields(MAX_COLUMNS, delimiter, true);
		if (!split.split(first, 0, first.length, MAX_COLUMNS)) {
			throw new TableFormatException("The first line " + split.problem() + ".");
		}
		List<String> names = new ArrayList<>();
		boolean namesId = false;
		for (int i = 0; i < split.count(); i++) {
			String name = new String(first, split.start(i), split.end(i) - split.start(i), StandardCharsets.UTF_8)
				.strip();
			names.add(name);
			namesId |= ItemLayout.isId(name);
		}
		Boolean header = this.format.header();
		List<String> columns = this.format.columns();
		if (header == null) {
			if (namesId) {
				header = true;
			}
			else if (columns != null) {
				header = false;
			}
			else if (given == null && looksLikeMovieLens100k(first, split, delimiter)) {
				return ItemLayout.forMovieLens100k();
			}
			else {
				throw new TableFormatException("Cannot tell the columns: the first line names no item id column (id, "
						+ Column.ITEM.describe() + ") and is not MovieLens 100K's u.item. Pass columns=... (with"
						+ " header=true if the first line is a header), or format=" + ItemFormat.MOVIELENS_100K + ".");
			}
		}
		if (columns != null) {
			return ItemLayout.named(delimiter, header, columns, "columns parameter");
		}
		if (!header) {
			throw new TableFormatException(
					"Without a header the columns must be given: pass columns=id,title,... or format="
							+ ItemFormat.MOVIELENS_100K + ".");
		}
		return ItemLayout.named(delimiter, true, names, "header");
	}

	private static boolean looksLikeMovieLens100k(byte[] first, Fields split, byte delimiter) {
		if (delimiter != '|' || split.count() != ItemLayout.MOVIELENS_100K_FIELDS
				|| TextNumbers.epochSeconds(first, split.start(0), split.end(0)) == TextNumbers.NOT_AN_INTEGER) {
			return false;
		}
		for (int i = ItemLayout.MOVIELENS_100K_FIRST_GENRE; i < split.count(); i++) {
			if (split.end(i) - split.start(i) != 1 || (first[split.start(i)] != '0' && first[split.start(i)] != '1')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Advances to the next data record that is not blank. Then either {@link #problem()}
	 * says why it cannot be split, or {@link #count()}, {@link #start(int)} and
	 * {@link #end(int)} give its fields (at most {@link #MAX_COLUMNS}).
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	public boolean next() throws IOException {
		Fields fields = this.firstFields;
		ItemLayout layout = this.layout;
		if (fields == null || layout == null) {
			throw new IllegalStateException("layout() first");
		}
		while (this.pending || this.lines.next()) {
			this.pending = false;
			this.problem = null;
			if (this.lines.tooLong()) {
				this.problem = "is longer than " + this.maxRecordBytes + " bytes";
				return true;
			}
			byte[] b = this.lines.buffer();
			if (TextNumbers.isBlank(b, this.lines.start(), this.lines.end())) {
				continue;
			}
			if (!fields.split(b, this.lines.start(), this.lines.end(), MAX_COLUMNS)) {
				this.problem = fields.problem();
			}
			else if (fields.count() <= Math.max(layout.id(), layout.title())) {
				this.problem = "has " + fields.count() + " field" + ((fields.count() == 1) ? "" : "s")
						+ " separated by " + Delimiters.name(layout.delimiter()) + "; expected at least "
						+ (Math.max(layout.id(), layout.title()) + 1);
			}
			else if (layout.movieLens100k() && fields.count() != ItemLayout.MOVIELENS_100K_FIELDS) {
				this.problem = "has " + fields.count() + " fields; MovieLens 100K's u.item has "
						+ ItemLayout.MOVIELENS_100K_FIELDS;
			}
			return true;
		}
		return false;
	}

	/**
	 * The current record's first line number, from 1.
	 * @return the line number
	 */
	public long line() {
		return this.lines.lineNumber();
	}

	/**
	 * Why the current record cannot be split.
	 * @return the problem, phrased to follow "line n", or null
	 */
	public @Nullable String problem() {
		return this.problem;
	}

	/**
	 * The buffer holding the current record.
	 * @return the buffer, valid until the next call of {@link #next()}
	 */
	public byte[] buffer() {
		return this.lines.buffer();
	}

	/**
	 * How many fields the current record has.
	 * @return the count
	 */
	public int count() {
		return fields().count();
	}

	/**
	 * Where a field of the current record starts.
	 * @param column the field's index
	 * @return its position in {@link #buffer()}
	 */
	public int start(int column) {
		return fields().start(column);
	}

	/**
	 * Where a field of the current record ends.
	 * @param column the field's index
	 * @return the position after it in {@link #buffer()}
	 */
	public int end(int column) {
		return fields().end(column);
	}

	private Fields fields() {
		Fields fields = this.firstFields;
		if (fields == null) {
			throw new IllegalStateException("layout() first");
		}
		return fields;
	}

}
