package io.mixrec.em;

import java.util.Arrays;

/**
 * What the M-step needs from a block of users, summed over the block: for item i and
 * cluster j (item-major)
 *
 * <pre>
 * W_ji = sum_u post_uj [i in C_u]      S_ji = sum_u post_uj x_ui
 * </pre>
 *
 * stored together per item ({@code itemStats[i * 2K + j] = W_ji},
 * {@code itemStats[i * 2K + K + j] = S_ji}) so that adding one rating is a single
 * contiguous loop over 2K doubles, which the JIT vectorises; and per cluster
 * {@code N_j = sum_u post_uj}, {@code M_j = sum_u post_uj |C_u|}, {@code Q_j = sum_u
 * post_uj sum_{i in C_u} x_ui^2}, plus the block's log-likelihood. Blocks are summed in
 * block order ({@link #add}) so the total does not depend on how many threads computed
 * them. This is the "accumulate over a block, merge blocks" shape a distributed engine
 * needs.
 */
final class SufficientStatistics {

	final int clusters;

	final double[] itemStats;

	final double[] weight;

	final double[] ratingWeight;

	final double[] squareSum;

	double logLikelihood;

	/**
	 * Scratch: {@code (post_u1 .. post_uK, post_u1 x .. post_uK x)} for the current
	 * rating.
	 */
	private final double[] increment;

	/** Scratch: the clusters with a non-negligible posterior for the current user. */
	private final int[] active;

	/** Posteriors below this skip a user's item statistics: see {@link #accumulate}. */
	static final double NEGLIGIBLE = 1e-12;

	/**
	 * @return W_ji
	 */
	double itemWeight(int item, int cluster) {
		return this.itemStats[2 * item * this.clusters + cluster];
	}

	/**
	 * @return S_ji
	 */
	double itemSum(int item, int cluster) {
		return this.itemStats[(2 * item + 1) * this.clusters + cluster];
	}

	SufficientStatistics(int clusters, int items) {
		this.clusters = clusters;
		this.itemStats = new double[Math.multiplyExact(items, 2 * clusters)];
		this.increment = new double[2 * clusters];
		this.active = new int[clusters];
		this.weight = new double[clusters];
		this.ratingWeight = new double[clusters];
		this.squareSum = new double[clusters];
	}

	void reset() {
		Arrays.fill(this.itemStats, 0);
		Arrays.fill(this.weight, 0);
		Arrays.fill(this.ratingWeight, 0);
		Arrays.fill(this.squareSum, 0);
		this.logLikelihood = 0;
	}

	/** Adds another block's statistics to these. */
	void add(SufficientStatistics other) {
		addInto(this.itemStats, other.itemStats);
		addInto(this.weight, other.weight);
		addInto(this.ratingWeight, other.ratingWeight);
		addInto(this.squareSum, other.squareSum);
		this.logLikelihood += other.logLikelihood;
	}

	/**
	 * Adds one user with the given posterior.
	 *
	 * <p>
	 * A cluster whose posterior for the user is below {@value #NEGLIGIBLE} skips the
	 * user's item statistics (W, S, M, Q stay mutually consistent; N takes the full
	 * posterior so the weights still sum to 1). After the first iterations most users sit
	 * firmly in a few clusters, so this turns the O(|C_u| x K) update into O(|C_u| x
	 * active clusters); the skipped mass changes no statistic by more than 1e-12 per
	 * user, far below the convergence tolerance.
	 * @param item item index per position
	 * @param value (residual) rating per position
	 * @param from first position of the user
	 * @param to one past the last position
	 * @param posterior post_uj, length K
	 */
	void accumulate(int[] item, float[] value, int from, int to, double[] posterior) {
		int k = this.clusters;
		int count = to - from;
		double squares = 0;
		for (int p = from; p < to; p++) {
			squares += (double) value[p] * value[p];
		}
		int active = 0;
		for (int j = 0; j < k; j++) {
			this.weight[j] += posterior[j];
			if (posterior[j] >= NEGLIGIBLE) {
				this.active[active++] = j;
				this.ratingWeight[j] += posterior[j] * count;
				this.squareSum[j] += posterior[j] * squares;
			}
		}
		if (active * 2 > k) {
			accumulateDense(item, value, from, to, posterior);
		}
		else {
			accumulateSparse(item, value, from, to, posterior, active);
		}
	}

	/** One contiguous loop over 2K doubles per rating, which the JIT vectorises. */
	private void accumulateDense(int[] item, float[] value, int from, int to, double[] posterior) {
		int k = this.clusters;
		int width = 2 * k;
		double[] stats = this.itemStats;
		double[] add = this.increment;
		for (int j = 0; j < k; j++) {
			add[j] = (posterior[j] >= NEGLIGIBLE) ? posterior[j] : 0;
		}
		for (int p = from; p < to; p++) {
			double x = value[p];
			for (int j = 0; j < k; j++) {
				add[k + j] = add[j] * x;
			}
			int base = item[p] * width;
			for (int t = 0; t < width; t++) {
				stats[base + t] += add[t];
			}
		}
	}

	private void accumulateSparse(int[] item, float[] value, int from, int to, double[] posterior, int active) {
		int k = this.clusters;
		int width = 2 * k;
		double[] stats = this.itemStats;
		int[] clusters = this.active;
		for (int p = from; p < to; p++) {
			double x = value[p];
			int base = item[p] * width;
			for (int a = 0; a < active; a++) {
				int j = clusters[a];
				double post = posterior[j];
				stats[base + j] += post;
				stats[base + k + j] += post * x;
			}
		}
	}

	private static void addInto(double[] target, double[] source) {
		for (int k = 0; k < target.length; k++) {
			target[k] += source[k];
		}
	}

}
