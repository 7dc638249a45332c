package io.mixrec.em;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What every EM pass over one set of rows needs and no pass changes: the rows and their
 * (residual) values, fixed blocks of consecutive rows for the E-step, each row's sum of
 * squared values, and the ratings by column ({@link ItemColumns}, built on first use)
 * split into chunks of about equal size for the M-step's item sweep. Built once per fit
 * and shared by its restarts, which then only own their posteriors and statistics
 * ({@link BlockedPass}). Block and chunk boundaries depend only on the data, never on the
 * thread count.
 */
final class PassLayout {

	/** Item chunks per sweep: enough for 2 to 8 threads to balance. */
	private static final int ITEM_CHUNKS = 32;

	private final RatingMatrix matrix;

	private final float[] values;

	private final int[] blockStart;

	private final double[] squares;

	private final int sweepUsers;

	/** Built on first use: the aspect model never needs them. */
	private @Nullable ItemColumns columns;

	private int @Nullable [] chunkStart;

	/**
	 * @param matrix the rows
	 * @param values the value of every rating position of {@code matrix} the fit uses
	 * @param blockUsers rows per block of the E-step
	 * @param sweepUsers rows per block of the item sweep
	 */
	PassLayout(RatingMatrix matrix, float[] values, int blockUsers, int sweepUsers) {
		this.matrix = matrix;
		this.values = values;
		int n = matrix.users();
		int blocks = Math.max(1, (n + blockUsers - 1) / blockUsers);
		this.blockStart = new int[blocks + 1];
		for (int b = 0; b <= blocks; b++) {
			this.blockStart[b] = (int) Math.min(n, (long) b * blockUsers);
		}
		this.squares = new double[n];
		for (int u = 0; u < n; u++) {
			double sum = 0;
			for (int p = matrix.start(u); p < matrix.end(u); p++) {
				sum += (double) values[p] * values[p];
			}
			this.squares[u] = sum;
		}
		this.sweepUsers = sweepUsers;
	}

	/**
	 * Users per block of the item sweep: about 1 MB of posterior rows, which stays in a
	 * core's cache while the chunk's items are summed over those users, instead of
	 * streaming every user's row from memory once per chunk (bench/README).
	 */
	static int defaultSweepUsers(int clusters) {
		return Math.max(64, (1 << 20) / (8 * clusters));
	}

	/**
	 * Users per block: about 16 blocks, so 2 to 8 threads balance and the merge cost
	 * (items x K per block) stays small, but never fewer than {@code minimum} users.
	 */
	static int defaultBlockUsers(int users, int minimum) {
		return Math.max(minimum, (users + 15) / 16);
	}

	/** Splits the items into at most {@code chunks} ranges of about equal ratings. */
	private static int[] chunks(ItemColumns columns, int chunks) {
		int items = columns.items();
		long ratings = columns.userArray().length;
		int[] bounds = new int[chunks + 1];
		int count = 1;
		for (int i = 0; i < items && count < chunks; i++) {
			if ((long) columns.end(i) * chunks >= ratings * count) {
				bounds[count++] = i + 1;
			}
		}
		bounds[count] = items;
		return Arrays.copyOf(bounds, count + 1);
	}

	RatingMatrix matrix() {
		return this.matrix;
	}

	float[] values() {
		return this.values;
	}

	int blocks() {
		return this.blockStart.length - 1;
	}

	int blockStart(int block) {
		return this.blockStart[block];
	}

	/** Sum of row u's squared values, the same in every pass. */
	double squares(int u) {
		return this.squares[u];
	}

	synchronized ItemColumns columns() {
		ItemColumns built = this.columns;
		if (built == null) {
			built = ItemColumns.of(this.matrix, this.values, this.sweepUsers);
			this.columns = built;
			this.chunkStart = chunks(built, ITEM_CHUNKS);
		}
		return built;
	}

	int chunks() {
		return chunkStarts().length - 1;
	}

	int chunkStart(int chunk) {
		// built with the columns, before any sweep asks for a chunk
		int[] starts = this.chunkStart;
		return ((starts != null) ? starts : chunkStarts())[chunk];
	}

	private synchronized int[] chunkStarts() {
		columns();
		return Objects.requireNonNull(this.chunkStart);
	}

}
