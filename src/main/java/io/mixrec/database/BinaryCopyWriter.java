package io.mixrec.database;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * Encodes rows in PostgreSQL's binary {@code COPY} format and sends them to a
 * {@code COPY ... FROM STDIN (FORMAT binary)} in large chunks: the header, then per row
 * its field count and each field as a length and the value's bytes in the type's binary
 * form, then the trailer. Binary rather than text: the server then neither parses numbers
 * nor timestamps, and text goes through as the caller's bytes, unescaped and undecoded.
 *
 * <p>
 * A row is {@link #row(int)} followed by exactly that many fields, in the column order of
 * the {@code COPY} statement. The copy is opened only when the first full buffer (or the
 * end of a smaller copy) has to be sent, and the buffer is made with the first row: a
 * caller that rejects its input before the first row allocates nothing, and one that
 * rejects it within the first buffer never takes a connection. A value larger than the
 * buffer is sent on its own.
 *
 * @see <a href=
 * "https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4">COPY binary
 * format</a>
 */
public final class BinaryCopyWriter {

	/** Signature, flags (no OIDs) and header extension length. */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix epoch microseconds. */
	private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	/** The version byte that starts a jsonb value. */
	private static final byte JSONB_VERSION = 1;

	private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	/** Opens the copy that rows go to, once the first of them have to be sent. */
	@FunctionalInterface
	public interface Opener {

		/**
		 * Start the copy.
		 * @return the running copy
		 * @throws SQLException if it cannot be started
		 */
		CopyIn open() throws SQLException;

	}

	private final Opener opener;

	private final int bufferSize;

	private @Nullable CopyIn copy;

	private byte @Nullable [] buffer;

	private int pos;

	private long rows;

	/**
	 * A writer.
	 * @param opener opens the copy when the first bytes have to be sent
	 * @param bufferSize how many bytes are collected before they are sent, at least the
	 * header's 19
	 */
	public BinaryCopyWriter(Opener opener, int bufferSize) {
		if (bufferSize < HEADER.length) {
			throw new IllegalArgumentException("bufferSize must hold the header, " + HEADER.length + " bytes");
		}
		this.opener = opener;
		this.bufferSize = bufferSize;
	}

	/**
	 * Start a row.
	 * @param fields how many fields follow
	 * @throws SQLException if sending a full buffer fails
	 */
	public void row(int fields) throws SQLException {
		byte[] b = room(2);
		SHORT.set(b, this.pos, (short) fields);
		this.pos += 2;
		this.rows++;
	}

	/**
	 * A {@code text} (or {@code bytea}) field from a range of bytes.
	 * @param bytes the buffer holding the value, UTF-8 for text
	 * @param start where the value starts
	 * @param end where it ends (exclusive)
	 * @throws SQLException if sending a full buffer fails
	 */
	public void text(byte[] bytes, int start, int end) throws SQLException {
		length(end - start);
		raw(bytes, start, end - start);
	}

	/**
	 * A {@code text} field, or NULL.
	 * @param value the value, UTF-8, or null
	 * @throws SQLException if sending a full buffer fails
	 */
	public void text(byte @Nullable [] value) throws SQLException {
		if (value == null) {
			length(-1);
		}
		else {
			text(value, 0, value.length);
		}
	}

	/**
	 * A {@code jsonb} field, or NULL.
	 * @param json the JSON text, UTF-8, or null
	 * @throws SQLException if sending a full buffer fails
	 */
	public void jsonb(byte @Nullable [] json) throws SQLException {
		if (json == null) {
			length(-1);
			return;
		}
		byte[] b = room(5);
		INT.set(b, this.pos, json.length + 1);
		b[this.pos + 4] = JSONB_VERSION;
		this.pos += 5;
		raw(json, 0, json.length);
	}

	/**
	 * A {@code real} field.
	 * @param value the value
	 * @throws SQLException if sending a full buffer fails
	 */
	public void float4(float value) throws SQLException {
		byte[] b = room(8);
		INT.set(b, this.pos, 4);
		INT.set(b, this.pos + 4, Float.floatToRawIntBits(value));
		this.pos += 8;
	}

	/**
	 * A {@code bigint} field.
	 * @param value the value
	 * @throws SQLException if sending a full buffer fails
	 */
	public void int8(long value) throws SQLException {
		byte[] b = room(12);
		INT.set(b, this.pos, 8);
		LONG.set(b, this.pos + 4, value);
		this.pos += 12;
	}

	/**
	 * A {@code timestamptz} field (or {@code timestamp}, read as UTC).
	 * @param epochMicros the time, in microseconds since 1970-01-01T00:00:00Z
	 * @throws SQLException if sending a full buffer fails
	 */
	public void timestamptz(long epochMicros) throws SQLException {
		int8(epochMicros - POSTGRES_EPOCH_MICROS);
	}

	/**
	 * Send the trailer and end the copy. A copy without rows that was never opened is not
	 * opened now.
	 * @return the number of rows the server received
	 * @throws SQLException if the copy fails
	 */
	public long finish() throws SQLException {
		if (this.copy == null && this.rows == 0) {
			return 0;
		}
		byte[] b = room(2);
		SHORT.set(b, this.pos, (short) -1);
		this.pos += 2;
		flush();
		return copy().endCopy();
	}

	/**
	 * Cancel the copy if it was opened and has not ended, after a failure. A failure to
	 * cancel is dropped: the transaction rolls back anyway, and the failure that stopped
	 * the copy is the one to report.
	 */
	public void cancel() {
		CopyIn open = this.copy;
		if (open != null && open.isActive()) {
			try {
				open.cancelCopy();
			}
			catch (SQLException ex) {
				// See the method's comment.
			}
		}
	}

	private void length(int length) throws SQLException {
		byte[] b = room(4);
		INT.set(b, this.pos, length);
		this.pos += 4;
	}

	private void raw(byte[] bytes, int start, int length) throws SQLException {
		byte[] b = buffer();
		if (this.pos + length > b.length) {
			flush();
			if (length > b.length) {
				copy().writeToCopy(bytes, start, length);
				return;
			}
		}
		System.arraycopy(bytes, start, b, this.pos, length);
		this.pos += length;
	}

	/** The buffer, with room for that many more bytes. */
	private byte[] room(int bytes) throws SQLException {
		byte[] b = buffer();
		if (this.pos + bytes > b.length) {
			flush();
		}
		return b;
	}

	private void flush() throws SQLException {
		if (this.pos > 0) {
			copy().writeToCopy(buffer(), 0, this.pos);
			this.pos = 0;
		}
	}

	private byte[] buffer() {
		byte[] b = this.buffer;
		if (b == null) {
			b = new byte[this.bufferSize];
			System.arraycopy(HEADER, 0, b, 0, HEADER.length);
			this.buffer = b;
			this.pos = HEADER.length;
		}
		return b;
	}

	private CopyIn copy() throws SQLException {
		CopyIn open = this.copy;
		if (open == null) {
			open = this.opener.open();
			this.copy = open;
		}
		return open;
	}

}
