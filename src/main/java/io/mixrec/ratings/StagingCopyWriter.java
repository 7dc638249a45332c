package io.mixrec.ratings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * Writes staging rows {@code (user_ext text, item_ext text, rating real,
 * rated_at timestamptz, line bigint)} to a running {@code COPY ... FROM STDIN (FORMAT
 * binary)}. Binary rather than text: the server then neither parses numbers nor
 * timestamps, and ids go through as the bytes of the input, unescaped and undecoded. Rows
 * are collected in a buffer and sent in large chunks.
 *
 * <p>
 * The copy is opened only when the first full buffer (or the end of a smaller import) has
 * to be sent: an import whose first buffer of rows holds a bad line can then be rejected
 * without having taken a connection, a transaction or a temporary table.
 *
 * @see <a href=
 * "https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4">COPY binary
 * format</a>
 */
final class StagingCopyWriter {

	/** Signature, flags (no OIDs) and header extension length of the binary format. */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix epoch microseconds. */
	private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	private static final short FIELDS = 5;

	private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	/** Opens the copy that rows go to, once the first of them have to be sent. */
	@FunctionalInterface
	interface CopyOpener {

		CopyIn open() throws SQLException;

	}

	private final CopyOpener opener;

	private @Nullable CopyIn copy;

	private final int bufferSize;

	/** Made with the first row: a body rejected before it has one allocates nothing. */
	private byte @Nullable [] buffer;

	private int pos;

	private long rows;

	StagingCopyWriter(CopyOpener opener, int bufferSize) {
		this.opener = opener;
		this.bufferSize = bufferSize;
	}

	/**
	 * Add a row. The ids are given as UTF-8 ranges of one buffer (the line being read).
	 * @param ids the buffer holding both ids
	 * @param userStart where the user id starts
	 * @param userEnd where it ends (exclusive)
	 * @param itemStart where the item id starts
	 * @param itemEnd where it ends (exclusive)
	 * @param rating the rating
	 * @param ratedAtEpochMicros the time, in microseconds since 1970-01-01T00:00:00Z
	 * @param line the line number
	 * @throws SQLException if sending a full buffer fails
	 */
	void row(byte[] ids, int userStart, int userEnd, int itemStart, int itemEnd, float rating, long ratedAtEpochMicros,
			long line) throws SQLException {
		int userLength = userEnd - userStart;
		int itemLength = itemEnd - itemStart;
		int size = 2 + 4 + userLength + 4 + itemLength + (4 + 4) + (4 + 8) + (4 + 8);
		byte[] b = buffer();
		if (this.pos + size > b.length) {
			flush();
		}
		int p = this.pos;
		SHORT.set(b, p, FIELDS);
		p += 2;
		INT.set(b, p, userLength);
		System.arraycopy(ids, userStart, b, p + 4, userLength);
		p += 4 + userLength;
		INT.set(b, p, itemLength);
		System.arraycopy(ids, itemStart, b, p + 4, itemLength);
		p += 4 + itemLength;
		INT.set(b, p, 4);
		INT.set(b, p + 4, Float.floatToRawIntBits(rating));
		p += 8;
		INT.set(b, p, 8);
		LONG.set(b, p + 4, ratedAtEpochMicros - POSTGRES_EPOCH_MICROS);
		p += 12;
		INT.set(b, p, 8);
		LONG.set(b, p + 4, line);
		this.pos = p + 12;
		this.rows++;
	}

	/**
	 * Send the trailer and end the copy.
	 * @return the number of rows the server received
	 * @throws SQLException if the copy fails
	 */
	long finish() throws SQLException {
		if (this.copy == null && this.rows == 0) {
			return 0;
		}
		byte[] b = buffer();
		if (this.pos + 2 > b.length) {
			flush();
		}
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
	void cancel() {
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
