package io.mixrec.recommend;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The model column of each item key ({@code items.id}), looked up for every rating of
 * every request. Keys come from an identity sequence, so they are usually dense: then a
 * table indexed by {@code key - smallest key} answers with one array read (a binary
 * search over 20,000 keys took 3 % of a request's CPU under load). Keys spread over a
 * range of more than {@link #SPREAD} times their number fall back to a binary search, so
 * the table never costs more than a few ints per item.
 */
final class ItemColumnIndex {

	/** Largest table size, in ints per known key (plus {@link #MIN_TABLE}). */
	static final int SPREAD = 4;

	private static final int MIN_TABLE = 1024;

	private final long first;

	/** column + 1 by {@code key - first}; 0 for an unknown key. Null when sparse. */
	private final int @Nullable [] table;

	/** The known keys, ascending, and their columns. Null when dense. */
	private final long @Nullable [] sortedKeys;

	private final int @Nullable [] sortedColumns;

	private ItemColumnIndex(long first, int @Nullable [] table, long @Nullable [] sortedKeys,
			int @Nullable [] sortedColumns) {
		this.first = first;
		this.table = table;
		this.sortedKeys = sortedKeys;
		this.sortedColumns = sortedColumns;
	}

	/**
	 * @param keys the item key of each model column; negative for a column whose item no
	 * longer exists
	 * @return the index
	 */
	static ItemColumnIndex of(long[] keys) {
		int known = 0;
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (long key : keys) {
			if (key >= 0) {
				known++;
				min = Math.min(min, key);
				max = Math.max(max, key);
			}
		}
		if (known > 0 && max - min < (long) SPREAD * known + MIN_TABLE) {
			int[] table = new int[(int) (max - min + 1)];
			for (int c = 0; c < keys.length; c++) {
				if (keys[c] >= 0) {
					table[(int) (keys[c] - min)] = c + 1;
				}
			}
			return new ItemColumnIndex(min, table, null, null);
		}
		Integer[] order = new Integer[known];
		int n = 0;
		for (int c = 0; c < keys.length; c++) {
			if (keys[c] >= 0) {
				order[n++] = c;
			}
		}
		Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
		long[] sortedKeys = new long[known];
		int[] sortedColumns = new int[known];
		for (int k = 0; k < known; k++) {
			sortedKeys[k] = keys[order[k]];
			sortedColumns[k] = order[k];
		}
		return new ItemColumnIndex(0, null, sortedKeys, sortedColumns);
	}

	/**
	 * @param itemKey an item key
	 * @return its model column, or -1 when the model does not know the item
	 */
	int column(long itemKey) {
		if (this.table != null) {
			long offset = itemKey - this.first;
			return (offset >= 0 && offset < this.table.length) ? this.table[(int) offset] - 1 : -1;
		}
		int k = Arrays.binarySearch(this.sortedKeys, itemKey);
		// without the direct table both sorted arrays are set
		return (k >= 0) ? Objects.requireNonNull(this.sortedColumns)[k] : -1;
	}

	/** Whether lookups use the direct table (tests). */
	boolean direct() {
		return this.table != null;
	}

}
