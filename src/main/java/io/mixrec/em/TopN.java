package io.mixrec.em;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Selects the N best entries of a score array in O(count log N) time and O(N) memory with
 * a bounded binary min-heap on primitive arrays, so ranking all items of a catalogue
 * never sorts the catalogue.
 *
 * <p>
 * "Best" is the higher score; equal scores are broken by the lower index, so the result
 * is a pure function of the scores. Entries that are NaN or negative infinity are never
 * selected: callers mark items a user already rated that way ({@link #exclude}). An
 * instance keeps its heap between calls and is not thread-safe; use one per thread.
 */
public final class TopN {

	private final int limit;

	/** Heap of the best entries so far; the root (0) is the worst of them. */
	private final int[] heapIndex;

	private final double[] heapScore;

	/** Entries in the heap of the incremental API ({@link #offer}). */
	private int size;

	/**
	 * @param limit N, the most entries a selection returns, >= 0
	 */
	public TopN(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must be >= 0, was " + limit);
		}
		this.limit = limit;
		this.heapIndex = new int[limit];
		this.heapScore = new double[limit];
	}

	/**
	 * Convenience for one-off selections.
	 * @param scores scores, NaN or negative infinity for excluded entries
	 * @param count number of entries of {@code scores} to consider
	 * @param limit N
	 * @return the selected indices, best first; shorter than N when fewer entries qualify
	 */
	public static int[] select(double[] scores, int count, int limit) {
		TopN top = new TopN(limit);
		int[] out = new int[limit];
		int n = top.select(scores, count, out);
		return (n == limit) ? out : Arrays.copyOf(out, n);
	}

	/**
	 * Sets the score of every listed index to negative infinity so that selection skips
	 * it.
	 * @param scores the scores
	 * @param indices indices to exclude
	 * @param n number of entries of {@code indices} to use
	 */
	public static void exclude(double[] scores, int[] indices, int n) {
		for (int k = 0; k < n; k++) {
			scores[indices[k]] = Double.NEGATIVE_INFINITY;
		}
	}

	/**
	 * @param scores the scores
	 * @param indices indices to exclude, all of them
	 * @see #exclude(double[], int[], int)
	 */
	public static void exclude(double[] scores, int[] indices) {
		exclude(scores, indices, indices.length);
	}

	public int limit() {
		return this.limit;
	}

	/**
	 * Selects the best entries. Forgets whatever was {@link #offer offered} before.
	 * @param scores scores, NaN or negative infinity for excluded entries
	 * @param count number of entries of {@code scores} to consider
	 * @param out receives the selected indices, best first; length >= N
	 * @return how many indices were written: min(N, qualifying entries)
	 */
	public int select(double[] scores, int count, int[] out) {
		clear();
		for (int i = 0; i < count; i++) {
			offer(i, scores[i]);
		}
		return drain(out, null);
	}

	/**
	 * Empties the selection of the incremental API: {@link #offer} entries one by one,
	 * skip those that {@link #couldAccept} rules out, then {@link #drain}.
	 */
	public void clear() {
		this.size = 0;
	}

	/**
	 * Offers one entry; it stays if it is among the N best offered since the last
	 * {@link #clear} or {@link #drain}. NaN and negative infinity never stay.
	 * @param index the entry's index
	 * @param score its score
	 */
	public void offer(int index, double score) {
		// false for NaN as well as for negative infinity
		if (!(score > Double.NEGATIVE_INFINITY)) {
			return;
		}
		if (this.size < this.limit) {
			siftUp(this.size++, index, score);
		}
		else if (this.size > 0 && better(score, index, this.heapScore[0], this.heapIndex[0])) {
			siftDown(this.size, index, score);
		}
	}

	/**
	 * Whether an entry whose score is known to be at most {@code bound} could still enter
	 * the selection: false once N entries are held and the worst of them scores more than
	 * the bound. Lets callers skip computing scores that cannot matter.
	 * @param bound an upper bound of an entry's score
	 * @return false when offering any score up to the bound would change nothing
	 */
	public boolean couldAccept(double bound) {
		return this.size < this.limit || (this.limit > 0 && bound >= this.heapScore[0]);
	}

	/**
	 * Writes the selection, best first, and empties it.
	 * @param outIndex receives the indices; length >= the number held
	 * @param outScore receives their scores, or null
	 * @return how many entries were written
	 */
	public int drain(int[] outIndex, double @Nullable [] outScore) {
		int count = this.size;
		// popping the worst repeatedly fills the output from the back
		for (int n = count; n > 0; n--) {
			outIndex[n - 1] = this.heapIndex[0];
			if (outScore != null) {
				outScore[n - 1] = this.heapScore[0];
			}
			if (n > 1) {
				siftDown(n - 1, this.heapIndex[n - 1], this.heapScore[n - 1]);
			}
		}
		this.size = 0;
		return count;
	}

	/**
	 * Moves the entry at slot {@code from}, index and score together, to slot {@code to}.
	 */
	private void move(int from, int to) {
		put(to, this.heapIndex[from], this.heapScore[from]);
	}

	private void put(int slot, int index, double score) {
		this.heapIndex[slot] = index;
		this.heapScore[slot] = score;
	}

	private static boolean better(double score, int index, double otherScore, int otherIndex) {
		return score > otherScore || (score == otherScore && index < otherIndex);
	}

	/** Places (index, score) at slot {@code hole} and restores the heap above it. */
	private void siftUp(int hole, int index, double score) {
		while (hole > 0) {
			int parent = (hole - 1) >>> 1;
			if (!better(this.heapScore[parent], this.heapIndex[parent], score, index)) {
				break;
			}
			move(parent, hole);
			hole = parent;
		}
		put(hole, index, score);
	}

	/**
	 * Replaces the root by (index, score) in a heap of {@code size} and sifts it down.
	 */
	private void siftDown(int size, int index, double score) {
		int hole = 0;
		while (true) {
			int child = 2 * hole + 1;
			if (child >= size) {
				break;
			}
			// descend towards the worse child, which must become the new parent
			if (child + 1 < size && better(this.heapScore[child], this.heapIndex[child], this.heapScore[child + 1],
					this.heapIndex[child + 1])) {
				child++;
			}
			if (!better(score, index, this.heapScore[child], this.heapIndex[child])) {
				break;
			}
			move(child, hole);
			hole = child;
		}
		put(hole, index, score);
	}

}
