package io.mixrec.ratings;

import org.jspecify.annotations.Nullable;

/**
 * Splits one CSV line (a range of a byte buffer) into fields: separated by commas,
 * optionally enclosed in double quotes, a doubled quote inside quotes standing for one
 * (RFC 4180). Quoted fields are unescaped in place in the buffer. A record is one line:
 * no valid id, rating or timestamp contains a line break, and a stray quote can then only
 * spoil its own line instead of swallowing the rest of the file. Spaces and tabs around
 * an unquoted field are not part of it, for ids as for numbers; quotes keep them.
 *
 * <p>
 * Only the first {@code wanted} fields are looked at; unknown trailing columns cost
 * nothing.
 */
final class CsvFields {

	private final int[] starts;

	private final int[] ends;

	private int count;

	private @Nullable String problem;

	CsvFields(int capacity) {
		this.starts = new int[capacity];
		this.ends = new int[capacity];
	}

	/**
	 * Split a line.
	 * @param buffer the buffer holding the line; quoted fields are unescaped in it
	 * @param lineStart where the line starts
	 * @param lineEnd where it ends (exclusive)
	 * @param wanted how many leading fields to find, at most the capacity
	 * @return false if the line is malformed (see {@link #problem()})
	 */
	boolean split(byte[] buffer, int lineStart, int lineEnd, int wanted) {
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
				int comma = i;
				while (comma < lineEnd && buffer[comma] != ',') {
					comma++;
				}
				int start = CsvNumbers.trimStart(buffer, i, comma);
				field(start, CsvNumbers.trimEnd(buffer, start, comma));
				i = comma;
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
				if (read < lineEnd && buffer[read] != ',') {
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
	int count() {
		return this.count;
	}

	int start(int field) {
		return this.starts[field];
	}

	int end(int field) {
		return this.ends[field];
	}

	/** Why the last line could not be split. */
	@Nullable String problem() {
		return this.problem;
	}

}
