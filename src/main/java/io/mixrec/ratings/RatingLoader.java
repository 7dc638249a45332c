package io.mixrec.ratings;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import javax.sql.DataSource;

import io.mixrec.em.RatingMatrix;
import org.postgresql.PGConnection;

import org.springframework.stereotype.Component;

/**
 * Streams every rating out of PostgreSQL into the engine's CSR matrix without entity
 * objects: {@code COPY (select user_id, item_id, rating from ratings) TO STDOUT} in
 * binary format, parsed straight into three primitive arrays sized by an exact
 * {@code count(*)} taken in the same snapshot, then sorted into rows in place. Peak heap
 * is the 12 bytes per rating of those arrays plus two id-to-index tables, 4 bytes per
 * user and item id.
 *
 * <p>
 * The transaction is REPEATABLE READ, so the count, the copy and the watermark
 * ({@code pg_current_snapshot()}) all describe the same data.
 */
@Component
public class RatingLoader {

	private final DataSource dataSource;

	public RatingLoader(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * @return every rating, with the item id of each column and the watermark
	 */
	public LoadedRatings load() {
		long started = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			try {
				LoadedRatings loaded = read(connection, started);
				connection.commit();
				return loaded;
			}
			catch (SQLException | IOException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("could not read the ratings: " + ex.getMessage(), ex);
		}
	}

	private LoadedRatings read(Connection connection, long started) throws SQLException, IOException {
		String watermark;
		long count;
		long maxUser;
		long maxItem;
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
				select pg_current_snapshot()::text, (select count(*) from ratings),
				       (select coalesce(max(id), 0) from users), (select coalesce(max(id), 0) from items)
				""")) {
			rs.next();
			watermark = rs.getString(1);
			count = rs.getLong(2);
			maxUser = rs.getLong(3);
			maxItem = rs.getLong(4);
		}
		if (count > Integer.MAX_VALUE - 8 || maxUser > Integer.MAX_VALUE - 8 || maxItem > Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("too many ratings or ids for one in-memory fit: " + count
					+ " ratings, ids up to " + Math.max(maxUser, maxItem));
		}
		TripleSink sink = new TripleSink((int) count, (int) maxUser, (int) maxItem);
		connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyOut("COPY (select user_id, item_id, rating from ratings) TO STDOUT (FORMAT binary)",
					new BinaryCopyParser(sink));
		if (sink.size != count) {
			throw new IllegalStateException("read " + sink.size + " ratings, expected " + count);
		}
		sink.renumberItemsByKey();
		RatingMatrix matrix = RatingMatrix.fromUniqueTriples(sink.userCount, sink.itemCount, sink.users, sink.items,
				sink.values);
		return new LoadedRatings(matrix, sink.userKeys(), Arrays.copyOf(sink.itemKeys, sink.itemCount), watermark,
				System.nanoTime() - started);
	}

	/**
	 * Receives (user_id, item_id, rating) rows and assigns dense indices by first
	 * appearance; {@link #renumberItemsByKey} then orders the items by key.
	 */
	static final class TripleSink {

		final int[] users;

		final int[] items;

		final float[] values;

		final long[] itemKeys;

		private final int[] userIndex;

		private final int[] itemIndex;

		int size;

		int userCount;

		int itemCount;

		TripleSink(int count, int maxUser, int maxItem) {
			this.users = new int[count];
			this.items = new int[count];
			this.values = new float[count];
			this.userIndex = new int[maxUser + 1];
			this.itemIndex = new int[maxItem + 1];
			this.itemKeys = new long[maxItem + 1];
			Arrays.fill(this.userIndex, -1);
			Arrays.fill(this.itemIndex, -1);
		}

		void accept(long userKey, long itemKey, float rating) {
			if (this.size == this.users.length) {
				throw new IllegalStateException("more ratings than counted");
			}
			int u = this.userIndex[(int) userKey];
			if (u < 0) {
				u = this.userCount++;
				this.userIndex[(int) userKey] = u;
			}
			int i = this.itemIndex[(int) itemKey];
			if (i < 0) {
				i = this.itemCount++;
				this.itemIndex[(int) itemKey] = i;
				this.itemKeys[i] = itemKey;
			}
			this.users[this.size] = u;
			this.items[this.size] = i;
			this.values[this.size] = rating;
			this.size++;
		}

		/**
		 * @return {@code users.id} of each row
		 */
		long[] userKeys() {
			long[] keys = new long[this.userCount];
			for (int key = 0; key < this.userIndex.length; key++) {
				if (this.userIndex[key] >= 0) {
					keys[this.userIndex[key]] = key;
				}
			}
			return keys;
		}

		/**
		 * Renumbers the items in increasing key order, so that a model's columns follow
		 * {@code items.id}: serving reads a user's ratings in key order and then has them
		 * in column order, the order the fold-in sums in, without sorting them.
		 */
		void renumberItemsByKey() {
			int[] renumbered = new int[this.itemCount];
			int next = 0;
			for (int key = 0; key < this.itemIndex.length; key++) {
				int i = this.itemIndex[key];
				if (i >= 0) {
					renumbered[i] = next;
					this.itemIndex[key] = next;
					this.itemKeys[next] = key;
					next++;
				}
			}
			for (int p = 0; p < this.size; p++) {
				this.items[p] = renumbered[this.items[p]];
			}
		}

	}

	/**
	 * Parses PostgreSQL's binary COPY format for rows of (int8, int8, float4) as the
	 * driver hands over the bytes, whatever their chunking: an 11-byte signature, flags
	 * and a header extension, then per row a 16-bit field count, and per field a 32-bit
	 * length and the big-endian value; a field count of -1 ends the data.
	 */
	static final class BinaryCopyParser extends OutputStream {

		private static final int HEADER = 11 + 4 + 4;

		private static final int ROW = 2 + (4 + 8) + (4 + 8) + (4 + 4);

		private final TripleSink sink;

		private final byte[] pending = new byte[64];

		private int pendingLength;

		private boolean headerDone;

		private boolean ended;

		BinaryCopyParser(TripleSink sink) {
			this.sink = sink;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] data, int offset, int length) {
			int position = offset;
			int end = offset + length;
			while (this.pendingLength > 0) {
				// complete the record split across chunks first; its length may only
				// become
				// known once its first bytes are in
				int record = recordLength(this.pending, 0, this.pendingLength);
				if (record > this.pending.length) {
					throw new IllegalStateException("COPY header extension too long: " + record + " bytes");
				}
				if (this.pendingLength == record) {
					consume(this.pending, 0);
					this.pendingLength = 0;
					break;
				}
				if (position == end) {
					return;
				}
				int needed = Math.min(record - this.pendingLength, end - position);
				System.arraycopy(data, position, this.pending, this.pendingLength, needed);
				this.pendingLength += needed;
				position += needed;
			}
			while (position < end) {
				int record = recordLength(data, position, end - position);
				if (end - position < record) {
					System.arraycopy(data, position, this.pending, 0, end - position);
					this.pendingLength = end - position;
					return;
				}
				consume(data, position);
				position += record;
			}
		}

		/**
		 * @return the length of the record starting at {@code at}, or an upper bound when
		 * too few bytes are available to tell
		 */
		private int recordLength(byte[] data, int at, int available) {
			if (!this.headerDone) {
				if (available >= 4
						&& (data[at] != 'P' || data[at + 1] != 'G' || data[at + 2] != 'C' || data[at + 3] != 'O')) {
					throw new IllegalStateException("not a binary COPY stream");
				}
				if (available < HEADER) {
					return HEADER;
				}
				int extension = getInt(data, at + 15);
				if (extension < 0 || extension > this.pending.length - HEADER) {
					throw new IllegalStateException("unsupported COPY header extension of " + extension + " bytes");
				}
				return HEADER + extension;
			}
			if (available < 2) {
				return 2;
			}
			short fields = getShort(data, at);
			return (fields == -1) ? 2 : ROW;
		}

		private void consume(byte[] data, int at) {
			if (!this.headerDone) {
				this.headerDone = true;
				return;
			}
			short fields = getShort(data, at);
			if (fields == -1) {
				this.ended = true;
				return;
			}
			if (this.ended || fields != 3 || getInt(data, at + 2) != 8 || getInt(data, at + 14) != 8
					|| getInt(data, at + 26) != 4) {
				throw new IllegalStateException("unexpected row layout in COPY stream");
			}
			this.sink.accept(getLong(data, at + 6), getLong(data, at + 18),
					Float.intBitsToFloat(getInt(data, at + 30)));
		}

		private static short getShort(byte[] b, int at) {
			return (short) (((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
		}

		private static int getInt(byte[] b, int at) {
			return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
		}

		private static long getLong(byte[] b, int at) {
			return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xffffffffL);
		}

	}

}
