package io.mixrec.em;

/**
 * The ratings of a {@link RatingMatrix} by item (compressed sparse columns): for item i,
 * positions {@code start[i]} to {@code start[i + 1]} hold the users who rated it, in
 * increasing user order, with the (residual) values the fit uses.
 *
 * <p>
 * The M-step sums posteriors per item ({@code W_ji = sum_u post_uj}, {@code S_ji = sum_u
 * post_uj x_ui}). Summed by user, each rating is a read-modify-write of a random item's
 * 2K statistics, and every block of users needs its own copy of all items' statistics to
 * stay deterministic; summed by item, each rating is a read of the user's posterior row
 * and each item's sums are written once, by whichever thread owns the item. Costs 8 bytes
 * per rating, plus an int per item and block of users ({@link #cut}).
 */
final class ItemColumns {

	private final int[] start;

	private final int[] user;

	private final float[] value;

	/**
	 * Where each item's column crosses into the next block of users: item i's ratings by
	 * users of block b are {@code [cut[i * (B + 1) + b], cut[i * (B + 1) + b + 1])}.
	 */
	private final int[] cut;

	private final int blocks;

	private ItemColumns(int[] start, int[] user, float[] value, int users, int blockUsers) {
		this.start = start;
		this.user = user;
		this.value = value;
		this.blocks = Math.max(1, (users + blockUsers - 1) / blockUsers);
		int items = start.length - 1;
		this.cut = new int[Math.multiplyExact(items, this.blocks + 1)];
		for (int i = 0; i < items; i++) {
			int base = i * (this.blocks + 1);
			int p = start[i];
			for (int b = 0; b < this.blocks; b++) {
				this.cut[base + b] = p;
				long limit = (long) (b + 1) * blockUsers;
				while (p < start[i + 1] && user[p] < limit) {
					p++;
				}
			}
			this.cut[base + this.blocks] = start[i + 1];
		}
	}

	/**
	 * Transposes in O(ratings + items) with a counting sort.
	 * @param matrix the ratings
	 * @param values the values to carry per rating position of {@code matrix}
	 * @param blockUsers users per block of {@link #cut}
	 * @return the columns
	 */
	static ItemColumns of(RatingMatrix matrix, float[] values, int blockUsers) {
		int items = matrix.items();
		int[] start = new int[items + 1];
		int[] rowItem = matrix.itemArray();
		int n = matrix.ratings();
		for (int p = 0; p < n; p++) {
			start[rowItem[p] + 1]++;
		}
		for (int i = 0; i < items; i++) {
			start[i + 1] += start[i];
		}
		int[] next = new int[items];
		System.arraycopy(start, 0, next, 0, items);
		int[] user = new int[n];
		float[] value = new float[n];
		for (int u = 0; u < matrix.users(); u++) {
			for (int p = matrix.start(u); p < matrix.end(u); p++) {
				int q = next[rowItem[p]]++;
				user[q] = u;
				value[q] = values[p];
			}
		}
		return new ItemColumns(start, user, value, matrix.users(), blockUsers);
	}

	int items() {
		return this.start.length - 1;
	}

	int blocks() {
		return this.blocks;
	}

	/** First position of item i's ratings by users of block b. */
	int cut(int item, int block) {
		return this.cut[item * (this.blocks + 1) + block];
	}

	int start(int item) {
		return this.start[item];
	}

	int end(int item) {
		return this.start[item + 1];
	}

	int[] userArray() {
		return this.user;
	}

	float[] valueArray() {
		return this.value;
	}

}
