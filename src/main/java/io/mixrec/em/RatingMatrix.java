package io.mixrec.em;

import java.util.Arrays;

/**
 * An immutable users x items rating matrix in compressed sparse row (CSR) form.
 *
 * <p>
 * Invariant: the ratings of user {@code u} occupy positions
 * {@code rowStart[u] <= k < rowStart[u + 1]} of {@code item} and {@code value}, sorted by
 * item index, with no duplicate item in a row; a missing entry is unobserved, never zero.
 * Storage is 8 bytes per rating plus 4 bytes per user.
 */
public final class RatingMatrix {

	private final int items;

	private final int[] rowStart;

	private final int[] item;

	private final float[] value;

	private RatingMatrix(int items, int[] rowStart, int[] item, float[] value) {
		this.items = items;
		this.rowStart = rowStart;
		this.item = item;
		this.value = value;
	}

	/**
	 * Wraps CSR arrays after checking the invariant; the arrays are owned by the matrix
	 * from then on and must not be changed by the caller.
	 * @param items number of columns
	 * @param rowStart row offsets, length users + 1, starting at 0 and non-decreasing
	 * @param item column index of each rating, strictly increasing within a row
	 * @param value rating values, finite
	 * @return the matrix
	 */
	public static RatingMatrix of(int items, int[] rowStart, int[] item, float[] value) {
		if (items < 0) {
			throw new IllegalArgumentException("items must be >= 0, was " + items);
		}
		if (rowStart.length == 0 || rowStart[0] != 0) {
			throw new IllegalArgumentException("rowStart must start with 0");
		}
		int nnz = rowStart[rowStart.length - 1];
		if (item.length != nnz || value.length != nnz) {
			throw new IllegalArgumentException(
					"item and value must have " + nnz + " entries, had " + item.length + " and " + value.length);
		}
		for (int u = 0; u + 1 < rowStart.length; u++) {
			if (rowStart[u + 1] < rowStart[u]) {
				throw new IllegalArgumentException("rowStart decreases at row " + u);
			}
			for (int k = rowStart[u]; k < rowStart[u + 1]; k++) {
				if (item[k] < 0 || item[k] >= items) {
					throw new IllegalArgumentException("item index " + item[k] + " out of range in row " + u);
				}
				if (k > rowStart[u] && item[k] <= item[k - 1]) {
					throw new IllegalArgumentException("items not strictly increasing in row " + u);
				}
				if (!Float.isFinite(value[k])) {
					throw new IllegalArgumentException("non-finite rating in row " + u + ": " + value[k]);
				}
			}
		}
		return new RatingMatrix(items, rowStart, item, value);
	}

	/**
	 * Builds a matrix from triples that contain no duplicate cell, sorting them in place
	 * (American flag sort by user, then each row by item), so the only memory beyond the
	 * given 12 bytes per rating is 4 bytes per user. Bulk loaders that know the exact
	 * count up front use this to keep their peak heap at the size of the triples.
	 * @param userCount number of rows, larger than every user index
	 * @param itemCount number of columns, larger than every item index
	 * @param users user index per triple; scrambled by the call
	 * @param items item index per triple, exactly as long as {@code users}; becomes the
	 * matrix's storage
	 * @param values rating per triple, as long as {@code users}; becomes the matrix's
	 * storage
	 * @return the matrix
	 * @throws IllegalArgumentException on an out-of-range index or a duplicate cell
	 */
	public static RatingMatrix fromUniqueTriples(int userCount, int itemCount, int[] users, int[] items,
			float[] values) {
		int n = users.length;
		if (items.length != n || values.length != n) {
			throw new IllegalArgumentException(
					"triple arrays differ in length: " + n + ", " + items.length + ", " + values.length);
		}
		int[] rowStart = new int[userCount + 1];
		for (int k = 0; k < n; k++) {
			int u = users[k];
			if (u < 0 || u >= userCount) {
				throw new IllegalArgumentException("user index " + u + " out of range 0.." + (userCount - 1));
			}
			rowStart[u + 1]++;
		}
		for (int u = 0; u < userCount; u++) {
			rowStart[u + 1] += rowStart[u];
		}
		int[] next = Arrays.copyOf(rowStart, userCount);
		for (int u = 0; u < userCount; u++) {
			while (next[u] < rowStart[u + 1]) {
				int k = next[u];
				int owner = users[k];
				if (owner == u) {
					next[u]++;
					continue;
				}
				int target = next[owner]++;
				swap(users, items, values, k, target);
			}
		}
		int maxRow = 0;
		for (int u = 0; u < userCount; u++) {
			maxRow = Math.max(maxRow, rowStart[u + 1] - rowStart[u]);
		}
		long[] row = new long[maxRow];
		for (int u = 0; u < userCount; u++) {
			int from = rowStart[u];
			int count = rowStart[u + 1] - from;
			// pack (item, value bits) so one primitive sort orders the pairs by item
			for (int k = 0; k < count; k++) {
				row[k] = ((long) items[from + k] << 32) | (Float.floatToRawIntBits(values[from + k]) & 0xffffffffL);
			}
			Arrays.sort(row, 0, count);
			for (int k = 0; k < count; k++) {
				items[from + k] = (int) (row[k] >>> 32);
				values[from + k] = Float.intBitsToFloat((int) row[k]);
				if (k > 0 && items[from + k] == items[from + k - 1]) {
					throw new IllegalArgumentException("duplicate cell (" + u + ", " + items[from + k] + ")");
				}
			}
		}
		return of(itemCount, rowStart, items, values);
	}

	private static void swap(int[] users, int[] items, float[] values, int a, int b) {
		int user = users[a];
		users[a] = users[b];
		users[b] = user;
		int item = items[a];
		items[a] = items[b];
		items[b] = item;
		float value = values[a];
		values[a] = values[b];
		values[b] = value;
	}

	/**
	 * @return a builder that accepts (user, item, value) triples in any order
	 */
	public static Builder builder() {
		return new Builder();
	}

	public int users() {
		return this.rowStart.length - 1;
	}

	public int items() {
		return this.items;
	}

	/**
	 * @return the number of observed ratings
	 */
	public int ratings() {
		return this.item.length;
	}

	/**
	 * @return first position of the user's ratings
	 */
	public int start(int user) {
		return this.rowStart[user];
	}

	/**
	 * @return one past the last position of the user's ratings
	 */
	public int end(int user) {
		return this.rowStart[user + 1];
	}

	/**
	 * @return the number of ratings of the user
	 */
	public int count(int user) {
		return this.rowStart[user + 1] - this.rowStart[user];
	}

	/**
	 * @return the item index at a position
	 */
	public int item(int position) {
		return this.item[position];
	}

	/**
	 * @return the rating value at a position
	 */
	public float value(int position) {
		return this.value[position];
	}

	/**
	 * The item column of every position, for hot loops inside the engine; never written.
	 */
	int[] itemArray() {
		return this.item;
	}

	/** The value of every position, for hot loops inside the engine; never written. */
	float[] valueArray() {
		return this.value;
	}

	/**
	 * The same ratings with users and items swapped: row i lists the users who rated item
	 * i, in increasing order. O(ratings + items), a counting sort.
	 * @param values the value to carry for every position of this matrix
	 * @return the items x users matrix
	 */
	RatingMatrix transpose(float[] values) {
		int[] start = new int[this.items + 1];
		for (int i : this.item) {
			start[i + 1]++;
		}
		for (int i = 0; i < this.items; i++) {
			start[i + 1] += start[i];
		}
		int[] next = java.util.Arrays.copyOf(start, this.items);
		int[] user = new int[this.item.length];
		float[] value = new float[this.item.length];
		for (int u = 0; u < users(); u++) {
			for (int p = this.rowStart[u]; p < this.rowStart[u + 1]; p++) {
				int q = next[this.item[p]]++;
				user[q] = u;
				value[q] = values[p];
			}
		}
		return new RatingMatrix(users(), start, user, value);
	}

	/**
	 * @return the number of ratings of each item
	 */
	public int[] itemCounts() {
		int[] counts = new int[this.items];
		for (int i : this.item) {
			counts[i]++;
		}
		return counts;
	}

	/**
	 * @return the mean of all ratings, or 0 for an empty matrix
	 */
	public double mean() {
		double sum = 0;
		for (float v : this.value) {
			sum += v;
		}
		return (this.value.length > 0) ? sum / this.value.length : 0;
	}

	/**
	 * @return the value of (user, item), or NaN when it is not observed (binary search in
	 * the row)
	 */
	public double get(int user, int itemIndex) {
		int k = Arrays.binarySearch(this.item, this.rowStart[user], this.rowStart[user + 1], itemIndex);
		return (k >= 0) ? this.value[k] : Double.NaN;
	}

	/**
	 * @return approximate heap bytes held by the arrays
	 */
	public long bytes() {
		return 4L * this.rowStart.length + 8L * this.item.length;
	}

	/**
	 * Collects (user, item, value) triples in any order; a later triple for the same cell
	 * replaces an earlier one. Holds 12 bytes per triple until {@link #build} sorts them
	 * into rows.
	 */
	public static final class Builder {

		private int[] users = new int[1024];

		private int[] items = new int[1024];

		private float[] values = new float[1024];

		private int size;

		private int maxUser = -1;

		private int maxItem = -1;

		private Builder() {
		}

		/**
		 * Adds one rating.
		 * @param user dense user index, >= 0
		 * @param item dense item index, >= 0
		 * @param value finite rating
		 * @return this builder
		 */
		public Builder add(int user, int item, float value) {
			if (user < 0 || item < 0) {
				throw new IllegalArgumentException("negative index (" + user + ", " + item + ")");
			}
			if (!Float.isFinite(value)) {
				throw new IllegalArgumentException("non-finite rating for (" + user + ", " + item + "): " + value);
			}
			if (this.size == this.users.length) {
				int capacity = Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 8, this.size * 3L / 2));
				this.users = Arrays.copyOf(this.users, capacity);
				this.items = Arrays.copyOf(this.items, capacity);
				this.values = Arrays.copyOf(this.values, capacity);
			}
			this.users[this.size] = user;
			this.items[this.size] = item;
			this.values[this.size] = value;
			this.size++;
			this.maxUser = Math.max(this.maxUser, user);
			this.maxItem = Math.max(this.maxItem, item);
			return this;
		}

		/**
		 * Renumbers every triple added so far.
		 * @param userIndex the new index of each user index
		 * @param itemIndex the new index of each item index
		 * @return this builder
		 */
		public Builder renumber(int[] userIndex, int[] itemIndex) {
			int maxUser = -1;
			int maxItem = -1;
			for (int k = 0; k < this.size; k++) {
				this.users[k] = userIndex[this.users[k]];
				this.items[k] = itemIndex[this.items[k]];
				maxUser = Math.max(maxUser, this.users[k]);
				maxItem = Math.max(maxItem, this.items[k]);
			}
			this.maxUser = maxUser;
			this.maxItem = maxItem;
			return this;
		}

		/**
		 * @return the number of triples added so far
		 */
		public int size() {
			return this.size;
		}

		/**
		 * @return a matrix sized to the largest indices seen
		 */
		public RatingMatrix build() {
			return build(this.maxUser + 1, this.maxItem + 1);
		}

		/**
		 * Sorts the triples into rows (counting sort by user, then by item within a row).
		 * @param userCount number of rows, at least the largest user index + 1
		 * @param itemCount number of columns, at least the largest item index + 1
		 * @return the matrix
		 */
		public RatingMatrix build(int userCount, int itemCount) {
			if (userCount <= this.maxUser || itemCount <= this.maxItem) {
				throw new IllegalArgumentException("matrix " + userCount + " x " + itemCount
						+ " too small for indices up to (" + this.maxUser + ", " + this.maxItem + ")");
			}
			int[] rowStart = new int[userCount + 1];
			for (int k = 0; k < this.size; k++) {
				rowStart[this.users[k] + 1]++;
			}
			for (int u = 0; u < userCount; u++) {
				rowStart[u + 1] += rowStart[u];
			}
			int[] next = Arrays.copyOf(rowStart, userCount);
			int[] item = new int[this.size];
			float[] value = new float[this.size];
			// stable scatter: within a row, triples keep their insertion order
			for (int k = 0; k < this.size; k++) {
				int p = next[this.users[k]]++;
				item[p] = this.items[k];
				value[p] = this.values[k];
			}
			int nnz = sortRowsKeepingLast(rowStart, item, value);
			if (nnz < item.length) {
				item = Arrays.copyOf(item, nnz);
				value = Arrays.copyOf(value, nnz);
			}
			return RatingMatrix.of(itemCount, rowStart, item, value);
		}

		/**
		 * Sorts every row by item and drops all but the last of duplicate cells,
		 * compacting in place. Sort keys pack (item, position in row) into a long so that
		 * equal items keep insertion order without boxing.
		 */
		private static int sortRowsKeepingLast(int[] rowStart, int[] item, float[] value) {
			int maxRow = 0;
			for (int u = 0; u + 1 < rowStart.length; u++) {
				maxRow = Math.max(maxRow, rowStart[u + 1] - rowStart[u]);
			}
			long[] keys = new long[maxRow];
			float[] rowValues = new float[maxRow];
			int write = 0;
			for (int u = 0; u + 1 < rowStart.length; u++) {
				int from = rowStart[u];
				int n = rowStart[u + 1] - from;
				for (int k = 0; k < n; k++) {
					keys[k] = ((long) item[from + k] << 32) | k;
					rowValues[k] = value[from + k];
				}
				Arrays.sort(keys, 0, n);
				rowStart[u] = write;
				for (int k = 0; k < n; k++) {
					int column = (int) (keys[k] >>> 32);
					if (k + 1 < n && (int) (keys[k + 1] >>> 32) == column) {
						continue;
					}
					item[write] = column;
					value[write] = rowValues[(int) keys[k]];
					write++;
				}
			}
			rowStart[rowStart.length - 1] = write;
			return write;
		}

	}

}
