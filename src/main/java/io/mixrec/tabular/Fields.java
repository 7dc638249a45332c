package io.mixrec.tabular;

import org.jspecify.annotations.Nullable;

/**
 * Splits one record (a range of a byte buffer, see {@link LineReader}) into fields:
 * separated by one delimiter byte (comma, tab, ...), optionally enclosed in double
 * quotes, a doubled quote inside quotes standing for one (RFC 4180). Quoted fields are
 * unescaped in place in the buffer. Spaces and tabs around an unquoted field are not part
 * of it, for ids as for numbers; quotes keep them.
 *
 * <p>
 * Only the first {@code wanted} fields are looked at; unknown trailing columns cost
 * nothing.
 */
public final class Fields {

	private final int[] starts;

	private final int[] ends;

	private int count;

	private @Nullable String problem;

	private final byte delimiter;

	private final boolean strictQuotes;

	/**
	 * A splitter that takes a quote inside an unquoted field as part of it.
	 * @param capacity the most fields it finds in a record
	 * @param delimiter the byte between fields
	 */
	public Fields(int capacity, byte delimiter) {
		this(capacity, delimiter, false);
	}

	/**
	 * A splitter.
	 * @param capacity the most fields it finds in a record
	 * @param delimiter the byte between fields
	 * @param strictQuotes whether a quote inside an unquoted field is an error: records
	 * whose quoted fields may hold line breaks need it, since {@link LineReader} takes
	 * every quote for an opening or closing one when it looks for the end of the record
	 */
	public Fields(int capacity, byte delimiter, boolean strictQuotes) {
		this.starts = new int[capacity];
		this.ends = new int[capacity];
		this.delimiter = delimiter;
		this.strictQuotes = strictQuotes;
	}

	/**
	 * Split a line.
	 * @param buffer the buffer holding the line; quoted fields are unescaped in it
	 * @param lineStart where the line starts
	 * @param lineEnd where it ends (exclusive)
	 * @param wanted how many leading fields to find, at most the capacity
	 * @return false if the line is malformed (see {@link #problem()})
	 */
	public boolean split(byte[] buffer, int lineStart, int lineEnd, int wanted) {
		this.count = 0;
		this.problem = null;
		int i = lineStart;
		while (this.count < wanted) {
			if (i < lineEnd && buffer[i] == '"') {
				i = quoted(buffer, i, lineEnd);
				if (i < 0) {
					return false;
				}
			}
			else {
				int separator = i;
				while (separator < lineEnd && buffer[separator] != this.delimiter) {
					if (this.strictQuotes && buffer[separator] == '"') {
						this.problem = "has a quote inside an unquoted field (field " + (this.count + 1) + ")";
						return false;
					}
					separator++;
				}
				int start = TextNumbers.trimStart(buffer, i, separator);
				field(start, TextNumbers.trimEnd(buffer, start, separator));
				i = separator;
			}
			if (i >= lineEnd) {
				break;
			}
			i++;
		}
		return true;
	}

	// Returns the position of the separator after the field, or -1 if it is malformed.
	private int quoted(byte[] buffer, int open, int lineEnd) {
		int read = open + 1;
		int write = read;
		while (read < lineEnd) {
			byte b = buffer[read];
			if (b == '"') {
				if (read + 1 < lineEnd && buffer[read + 1] == '"') {
					buffer[write++] = '"';
					read += 2;
					continue;
				}
				field(open + 1, write);
				read++;
				if (read < lineEnd && buffer[read] != this.delimiter) {
					this.problem = "has a character after a closing quote (field " + this.count + ")";
					return -1;
				}
				return read;
			}
			buffer[write++] = b;
			read++;
		}
		this.problem = "has an unterminated quoted field (field " + (this.count + 1) + ")";
		return -1;
	}

	private void field(int start, int end) {
		this.starts[this.count] = start;
		this.ends[this.count] = end;
		this.count++;
	}

	/** How many fields were found (at most the number wanted). */
	public int count() {
		return this.count;
	}

	/**
	 * Where a field starts.
	 * @param field its index
	 * @return its first byte's position in the buffer
	 */
	public int start(int field) {
		return this.starts[field];
	}

	/**
	 * Where a field ends.
	 * @param field its index
	 * @return the position after its last byte
	 */
	public int end(int field) {
		return this.ends[field];
	}

	/** Why the last line could not be split. */
	public @Nullable String problem() {
		return this.problem;
	}

}
