package io.mixrec.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteStreamWriter;

/**
 * A {@link CopyIn} that keeps what is written to it, and reads it back as the server
 * would: the binary {@code COPY} header, rows of length-prefixed fields (null for
 * {@code -1}), and the trailer, without knowing the column types.
 */
public final class CapturedCopy implements CopyIn {

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final List<Integer> writes = new ArrayList<>();

	private boolean active = true;

	private boolean cancelled;

	@Override
	public void writeToCopy(byte[] buf, int off, int siz) throws SQLException {
		if (!this.active) {
			throw new SQLException("the copy has ended");
		}
		this.bytes.write(buf, off, siz);
		this.writes.add(siz);
	}

	@Override
	public void writeToCopy(ByteStreamWriter from) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void flushCopy() {
	}

	@Override
	public long endCopy() throws SQLException {
		if (!this.active) {
			throw new SQLException("the copy has ended");
		}
		this.active = false;
		return rows().size();
	}

	@Override
	public int getFieldCount() {
		return 0;
	}

	@Override
	public int getFormat() {
		return 1;
	}

	@Override
	public int getFieldFormat(int field) {
		return 1;
	}

	@Override
	public boolean isActive() {
		return this.active;
	}

	@Override
	public void cancelCopy() {
		this.active = false;
		this.cancelled = true;
	}

	@Override
	public long getHandledRowCount() {
		return -1;
	}

	/**
	 * Everything written.
	 * @return the bytes
	 */
	public byte[] bytes() {
		return this.bytes.toByteArray();
	}

	/**
	 * The sizes of the writes, in order.
	 * @return one size per {@code writeToCopy}
	 */
	public List<Integer> writes() {
		return List.copyOf(this.writes);
	}

	/**
	 * Whether the copy was cancelled.
	 * @return true after {@link #cancelCopy()}
	 */
	public boolean cancelled() {
		return this.cancelled;
	}

	/**
	 * The rows written, which must be a complete binary copy.
	 * @return per row, the fields' bytes, null for NULL
	 * @throws IllegalStateException if the bytes are not a complete binary copy
	 */
	public List<List<byte @Nullable []>> rows() {
		ByteBuffer in = ByteBuffer.wrap(bytes());
		byte[] signature = new byte[SIGNATURE.length];
		in.get(signature);
		if (!Arrays.equals(signature, SIGNATURE) || in.getInt() != 0 || in.getInt() != 0) {
			throw new IllegalStateException("not a binary COPY header");
		}
		List<List<byte @Nullable []>> rows = new ArrayList<>();
		for (short fields = in.getShort(); fields != -1; fields = in.getShort()) {
			List<byte @Nullable []> row = new ArrayList<>();
			for (int i = 0; i < fields; i++) {
				int length = in.getInt();
				byte[] value = null;
				if (length >= 0) {
					value = new byte[length];
					in.get(value);
				}
				row.add(value);
			}
			rows.add(row);
		}
		if (in.hasRemaining()) {
			throw new IllegalStateException(in.remaining() + " bytes after the trailer");
		}
		return rows;
	}

}
