package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines ({@code \n}, {@code \r\n} or a lone {@code \r}, as old
 * Mac spreadsheets write) without decoding it, for the CSV import: the stream is read in
 * large chunks into one buffer, and each line is exposed as a range of that buffer
 * ({@link #buffer()}, {@link #start()}, {@link #end()}) until the next call. Memory stays
 * bounded whatever the input: a line longer than the limit is skipped and reported as
 * {@link #tooLong()}.
 */
final class CsvLineReader {

	private static final int MIN_BUFFER = 256 * 1024;

	private final InputStream in;

	private final int maxLineBytes;

	private final byte[] buffer;

	private int pos;

	private int limit;

	private boolean eof;

	private long lineNumber;

	private int start;

	private int end;

	private boolean tooLong;

	/** The last line ended with {@code \r}: a {@code \n} right after it belongs to it. */
	private boolean afterCr;

	CsvLineReader(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
		this.buffer = new byte[Math.max(MIN_BUFFER, maxLineBytes + 64 * 1024)];
	}

	/**
	 * Advance to the next line.
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	boolean next() throws IOException {
		this.tooLong = false;
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

	/** The buffer that holds the current line. */
	byte[] buffer() {
		return this.buffer;
	}

	/** Where the current line starts in {@link #buffer()}. */
	int start() {
		return this.start;
	}

	/** Where the current line ends (exclusive, without the line break). */
	int end() {
		return this.end;
	}

	/** The current line's number, from 1. */
	long lineNumber() {
		return this.lineNumber;
	}

	/** Whether the current line was longer than the limit (and its content is gone). */
	boolean tooLong() {
		return this.tooLong;
	}

	private boolean line(int lineEnd, int next) {
		this.start = this.pos;
		this.end = lineEnd;
		this.afterCr = lineEnd < this.limit && this.buffer[lineEnd] == '\r';
		this.pos = next;
		this.lineNumber++;
		// Whether a long line arrived in one read or in many must not matter.
		this.tooLong = this.end - this.start > this.maxLineBytes;
		return true;
	}

	private boolean skipLongLine() throws IOException {
		this.lineNumber++;
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
		for (int i = from; i < to; i++) {
			if (bytes[i] == '\n' || bytes[i] == '\r') {
				return i;
			}
		}
		return -1;
	}

}
