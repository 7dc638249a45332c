package io.mixrec.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into records ({@code \n}, {@code \r\n} or a lone {@code \r}, as
 * old Mac spreadsheets write) without decoding it: the stream is read in large chunks
 * into one buffer, and each record is exposed as a range of that buffer
 * ({@link #buffer()}, {@link #start()}, {@link #end()}) until the next call. Memory stays
 * bounded whatever the input: a record longer than the limit is skipped and reported as
 * {@link #tooLong()}. A UTF-8 byte order mark before the first record is dropped.
 *
 * <p>
 * The buffer starts small and doubles only while a record does not fit, up to the limit
 * and one read more. A reader is made per request, and a buffer of the whole limit each
 * time would be a large object for every small body: a flood of them keeps the garbage
 * collector pausing the whole service.
 *
 * <p>
 * A record is one line, unless line breaks inside double quotes are allowed (RFC 4180,
 * for titles and descriptions); then the reader tracks whether it is inside quotes while
 * it looks for the end of the record, resuming where it stopped after each read, so every
 * byte is looked at once. Ratings keep one record per line: no id, rating or time holds a
 * line break, and a stray quote then spoils only its own line.
 */
public final class LineReader {

	private static final int INITIAL_BUFFER = 64 * 1024;

	/** What one read may add after the longest record. */
	private static final int READ_MARGIN = 64 * 1024;

	private final InputStream in;

	private final int maxLineBytes;

	private byte[] buffer;

	private final int maxBuffer;

	private int pos;

	private int limit;

	private boolean eof;

	private long lineNumber;

	private long nextLineNumber = 1;

	private int start;

	private int end;

	private boolean tooLong;

	/** The last line ended with {@code \r}: a {@code \n} right after it belongs to it. */
	private boolean afterCr;

	private final boolean quotedLineBreaks;

	/** Inside quotes at the point where the search for the record's end stopped. */
	private boolean inQuotes;

	/**
	 * A reader of one record per line.
	 * @param in the input, read to its end
	 * @param maxLineBytes the longest record
	 */
	public LineReader(InputStream in, int maxLineBytes) {
		this(in, maxLineBytes, false);
	}

	/**
	 * A reader.
	 * @param in the input, read to its end
	 * @param maxLineBytes the longest record
	 * @param quotedLineBreaks whether a line break inside double quotes belongs to the
	 * record
	 */
	public LineReader(InputStream in, int maxLineBytes, boolean quotedLineBreaks) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
		this.quotedLineBreaks = quotedLineBreaks;
		this.maxBuffer = maxLineBytes + READ_MARGIN;
		this.buffer = new byte[Math.min(INITIAL_BUFFER, this.maxBuffer)];
	}

	/**
	 * Advance to the next line.
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	public boolean next() throws IOException {
		this.tooLong = false;
		this.inQuotes = false;
		if (this.afterCr) {
			this.afterCr = false;
			if (this.pos == this.limit && !this.eof) {
				compact();
				fill();
			}
			if (this.pos < this.limit && this.buffer[this.pos] == '\n') {
				this.pos++;
			}
		}
		int from = this.pos;
		while (true) {
			int newline = indexOfNewline(from, this.limit);
			if (newline >= 0) {
				return line(newline, newline + 1);
			}
			if (this.limit - this.pos > this.maxLineBytes) {
				return skipLongLine();
			}
			if (this.eof) {
				return (this.pos < this.limit) && line(this.limit, this.limit);
			}
			from = this.limit - this.pos;
			compact();
			fill();
		}
	}

	/** How many bytes the buffer holds now (tests). */
	int capacity() {
		return this.buffer.length;
	}

	/** The buffer that holds the current line. */
	public byte[] buffer() {
		return this.buffer;
	}

	/** Where the current line starts in {@link #buffer()}. */
	public int start() {
		return this.start;
	}

	/** Where the current line ends (exclusive, without the line break). */
	public int end() {
		return this.end;
	}

	/**
	 * The current record's number, from 1: its first line's number, counting the line
	 * breaks inside quotes of earlier records as well (but not those of a record skipped
	 * as too long).
	 */
	public long lineNumber() {
		return this.lineNumber;
	}

	/** Whether the current line was longer than the limit (and its content is gone). */
	public boolean tooLong() {
		return this.tooLong;
	}

	private boolean line(int lineEnd, int next) {
		this.start = this.pos;
		if (this.nextLineNumber == 1 && lineEnd - this.start >= 3 && this.buffer[this.start] == (byte) 0xef
				&& this.buffer[this.start + 1] == (byte) 0xbb && this.buffer[this.start + 2] == (byte) 0xbf) {
			this.start += 3;
		}
		this.end = lineEnd;
		this.afterCr = lineEnd < this.limit && this.buffer[lineEnd] == '\r';
		this.pos = next;
		this.lineNumber = this.nextLineNumber;
		this.nextLineNumber += this.quotedLineBreaks ? 1 + lineBreaks(this.start, this.end) : 1;
		// Whether a long line arrived in one read or in many must not matter.
		this.tooLong = this.end - this.start > this.maxLineBytes;
		return true;
	}

	private int lineBreaks(int from, int to) {
		int count = 0;
		for (int i = from; i < to; i++) {
			if (this.buffer[i] == '\n' || (this.buffer[i] == '\r' && (i + 1 == to || this.buffer[i + 1] != '\n'))) {
				count++;
			}
		}
		return count;
	}

	private boolean skipLongLine() throws IOException {
		this.lineNumber = this.nextLineNumber++;
		this.tooLong = true;
		this.start = 0;
		this.end = 0;
		this.pos = this.limit;
		while (true) {
			compact();
			fill();
			int newline = indexOfNewline(this.pos, this.limit);
			if (newline >= 0) {
				this.afterCr = this.buffer[newline] == '\r';
				this.pos = newline + 1;
				return true;
			}
			this.pos = this.limit;
			if (this.eof) {
				return true;
			}
		}
	}

	private void compact() {
		if (this.pos > 0) {
			System.arraycopy(this.buffer, this.pos, this.buffer, 0, this.limit - this.pos);
			this.limit -= this.pos;
			this.pos = 0;
		}
	}

	private void fill() throws IOException {
		if (this.limit == this.buffer.length && this.buffer.length < this.maxBuffer) {
			this.buffer = Arrays.copyOf(this.buffer, (int) Math.min(2L * this.buffer.length, this.maxBuffer));
		}
		int read = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (read < 0) {
			this.eof = true;
		}
		else {
			this.limit += read;
		}
	}

	private int indexOfNewline(int from, int to) {
		byte[] bytes = this.buffer;
		if (!this.quotedLineBreaks) {
			for (int i = from; i < to; i++) {
				if (bytes[i] == '\n' || bytes[i] == '\r') {
					return i;
				}
			}
			return -1;
		}
		// A doubled quote inside quotes flips the state twice: parity is all that counts.
		boolean quoted = this.inQuotes;
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (b == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (b == '\n' || b == '\r')) {
				this.inQuotes = false;
				return i;
			}
		}
		this.inQuotes = quoted;
		return -1;
	}

}
