package io.mixrec.tabular;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the readers of ratings and catalogue files share: the layout read from the first
 * record that is not blank, then the data records handed out one at a time as field
 * ranges of a byte buffer, undecoded, with blank records skipped and records too long or
 * badly quoted reported rather than thrown. A subclass says how the layout is sniffed and
 * which records are too short for it.
 *
 * @param <L> the layout
 */
public abstract sealed class TableRecords<L> permits RatingRecords, ItemRecords {

	private final LineReader lines;

	private final int maxRecordBytes;

	private final String recordName;

	private @Nullable L layout;

	private @Nullable Fields fields;

	/** The first record is data, not yet handed out by {@link #next()}. */
	private boolean pending;

	private @Nullable String problem;

	TableRecords(LineReader lines, int maxRecordBytes, String recordName) {
		this.lines = lines;
		this.maxRecordBytes = maxRecordBytes;
		this.recordName = recordName;
	}

	/**
	 * Reads the first record that is not blank and works out the layout.
	 * @return the layout
	 * @throws IOException if reading fails
	 * @throws TableFormatException if the file is empty or its layout cannot be used or
	 * told
	 */
	public L layout() throws IOException {
		while (this.lines.next()) {
			if (this.lines.tooLong()) {
				throw new TableFormatException(
						"The first " + this.recordName + " is longer than " + this.maxRecordBytes + " bytes.");
			}
			byte[] b = this.lines.buffer();
			if (TextNumbers.isBlank(b, this.lines.start(), this.lines.end())) {
				continue;
			}
			// Sniff a copy: splitting unescapes quoted fields in place, and a first
			// record that is data is split again by next().
			L found = sniff(Arrays.copyOfRange(b, this.lines.start(), this.lines.end()));
			this.layout = found;
			this.fields = fieldsFor(found);
			this.pending = !hasHeader(found);
			return found;
		}
		throw new TableFormatException(emptyMessage());
	}

	/**
	 * Advances to the next data record that is not blank. Then either {@link #problem()}
	 * says why it cannot be used, or {@link #start(int)} and {@link #end(int)} give the
	 * ranges of the fields the layout needs.
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	public boolean next() throws IOException {
		L layout = this.layout;
		Fields fields = this.fields;
		if (layout == null || fields == null) {
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
			this.problem = fields.split(b, this.lines.start(), this.lines.end(), fieldLimit(layout))
					? shortness(layout, fields) : fields.problem();
			return true;
		}
		return false;
	}

	abstract L sniff(byte[] first);

	abstract Fields fieldsFor(L layout);

	abstract boolean hasHeader(L layout);

	/** How many fields of a record are split; the rest stay in the last. */
	abstract int fieldLimit(L layout);

	/** Why a record that was split is too short for the layout, or null. */
	abstract @Nullable String shortness(L layout, Fields fields);

	abstract String emptyMessage();

	/**
	 * The current record's (first) line number, from 1.
	 * @return the line number
	 */
	public long line() {
		return this.lines.lineNumber();
	}

	/**
	 * Why the current record cannot be used (too long, a bad quote, too few fields).
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

	/**
	 * The delimiter of a file.
	 * @param given the one the client gave, or null
	 * @param first the first line that is not blank
	 * @return the one given, else the one the first line has
	 */
	static byte delimiter(@Nullable Byte given, byte[] first) {
		return (given != null) ? given : Delimiters.sniff(first, 0, first.length);
	}

	/**
	 * Splits the first line, a header or data, for sniffing.
	 * @param first the line
	 * @param delimiter the delimiter
	 * @param maxColumns the most fields it may have
	 * @param strictQuotes as for {@link Fields#Fields(int, byte, boolean)}
	 * @return its fields
	 * @throws TableFormatException if it is malformed
	 */
	static Fields splitFirst(byte[] first, byte delimiter, int maxColumns, boolean strictQuotes) {
		Fields split = new Fields(maxColumns, delimiter, strictQuotes);
		if (!split.split(first, 0, first.length, maxColumns)) {
			throw new TableFormatException("The first line " + split.problem() + ".");
		}
		return split;
	}

	/**
	 * The fields of the first line as column names.
	 * @param first the line
	 * @param split its fields
	 * @return the fields decoded as UTF-8 and stripped
	 */
	static List<String> names(byte[] first, Fields split) {
		List<String> names = new ArrayList<>(split.count());
		for (int i = 0; i < split.count(); i++) {
			names.add(new String(first, split.start(i), split.end(i) - split.start(i), StandardCharsets.UTF_8).strip());
		}
		return names;
	}

	static String fieldCount(Fields fields, byte delimiter, int expected) {
		return "has " + fields.count() + " field" + ((fields.count() == 1) ? "" : "s") + " separated by "
				+ Delimiters.name(delimiter) + "; expected at least " + expected;
	}

	private Fields fields() {
		Fields fields = this.fields;
		if (fields == null) {
			throw new IllegalStateException("layout() first");
		}
		return fields;
	}

}
