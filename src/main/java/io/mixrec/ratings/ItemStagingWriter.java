package io.mixrec.ratings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * Writes staging rows {@code (external_id text, title text, attributes jsonb, line
 * bigint)} of the catalogue import to a running {@code COPY ... FROM STDIN (FORMAT
 * binary)}, collected in a buffer and sent in large chunks, like
 * {@link StagingCopyWriter} does for ratings.
 */
final class ItemStagingWriter {

	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	private static final short FIELDS = 4;

	/** The version byte that starts a jsonb value in the binary format. */
	private static final byte JSONB_VERSION = 1;

	private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

	private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private final CopyIn copy;

	private final byte[] buffer;

	private int pos;

	ItemStagingWriter(CopyIn copy, int bufferSize) {
		this.copy = copy;
		this.buffer = new byte[bufferSize];
		System.arraycopy(HEADER, 0, this.buffer, 0, HEADER.length);
		this.pos = HEADER.length;
	}

	/**
	 * Add a row.
	 * @param id the external id, UTF-8
	 * @param title the title, UTF-8, or null
	 * @param attributes the attributes as JSON text, UTF-8, or null
	 * @param line the record's line number
	 * @throws SQLException if sending a full buffer fails
	 */
	void row(byte[] id, byte @Nullable [] title, byte @Nullable [] attributes, long line) throws SQLException {
		int size = 2 + 4 + id.length + 4 + ((title != null) ? title.length : 0) + 4
				+ ((attributes != null) ? 1 + attributes.length : 0) + 4 + 8;
		if (this.pos + size > this.buffer.length) {
			flush();
		}
		if (size > this.buffer.length) {
			// One row larger than the buffer (the limits allow it): send it on its own.
			byte[] row = new byte[size];
			int end = write(row, 0, id, title, attributes, line);
			this.copy.writeToCopy(row, 0, end);
			return;
		}
		this.pos = write(this.buffer, this.pos, id, title, attributes, line);
	}

	private static int write(byte[] b, int start, byte[] id, byte @Nullable [] title, byte @Nullable [] attributes,
			long line) {
		int p = start;
		SHORT.set(b, p, FIELDS);
		p += 2;
		p = bytes(b, p, id);
		p = bytes(b, p, title);
		if (attributes == null) {
			INT.set(b, p, -1);
			p += 4;
		}
		else {
			INT.set(b, p, attributes.length + 1);
			b[p + 4] = JSONB_VERSION;
			System.arraycopy(attributes, 0, b, p + 5, attributes.length);
			p += 5 + attributes.length;
		}
		INT.set(b, p, 8);
		LONG.set(b, p + 4, line);
		return p + 12;
	}

	private static int bytes(byte[] b, int p, byte @Nullable [] value) {
		if (value == null) {
			INT.set(b, p, -1);
			return p + 4;
		}
		INT.set(b, p, value.length);
		System.arraycopy(value, 0, b, p + 4, value.length);
		return p + 4 + value.length;
	}

	/**
	 * Send the trailer and end the copy.
	 * @return the number of rows the server received
	 * @throws SQLException if the copy fails
	 */
	long finish() throws SQLException {
		if (this.pos + 2 > this.buffer.length) {
			flush();
		}
		SHORT.set(this.buffer, this.pos, (short) -1);
		this.pos += 2;
		flush();
		return this.copy.endCopy();
	}

	private void flush() throws SQLException {
		if (this.pos > 0) {
			this.copy.writeToCopy(this.buffer, 0, this.pos);
			this.pos = 0;
		}
	}

}
