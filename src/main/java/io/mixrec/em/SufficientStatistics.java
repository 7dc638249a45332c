package io.mixrec.em;

import java.io.Serializable;

import java.util.Arrays;

/**
 * What the M-step needs from the E-step: for item i and cluster j (item-major)
 *
 * <pre>
 * W_ji = sum_u post_uj [i in C_u]      S_ji = sum_u post_uj x_ui
 * </pre>
 *
 * stored together per item ({@code itemStats[i * 2K + j] = W_ji},
 * {@code itemStats[i * 2K + K + j] = S_ji}) and written by the item pass of
 * {@link BlockedPass}; and per cluster {@code N_j = sum_u post_uj}, {@code M_j = sum_u
 * post_uj |C_u|}, {@code Q_j = sum_u post_uj sum_{i in C_u} x_ui^2}, plus the
 * log-likelihood, which blocks of users accumulate ({@link #addUser}) and which are
 * summed in block order ({@link #add}) so the total does not depend on how many threads
 * computed them. A block's statistics have no item part.
 */
final class SufficientStatistics implements Serializable {

	private static final long serialVersionUID = 1L;

	final int clusters;

	final double[] itemStats;

	final double[] weight;

	final double[] ratingWeight;

	final double[] squareSum;

	double logLikelihood;

	/**
	 * Posteriors below this leave a user out of the cluster's W, S, M and Q (N takes the
	 * full posterior so the weights still sum to 1). After the first iterations most
	 * users sit firmly in a few clusters; the skipped mass changes no statistic by more
	 * than 1e-12 per user, far below the convergence tolerance.
	 */
	static final double NEGLIGIBLE = 1e-12;

	/**
	 * @param clusters K
	 * @param items D for the total, 0 for a block's statistics
	 */
	SufficientStatistics(int clusters, int items) {
		this.clusters = clusters;
		this.itemStats = new double[Math.multiplyExact(items, 2 * clusters)];
		this.weight = new double[clusters];
		this.ratingWeight = new double[clusters];
		this.squareSum = new double[clusters];
	}

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

	/** Clears the per-cluster sums; the item part is overwritten whole by each pass. */
	void reset() {
		Arrays.fill(this.weight, 0);
		Arrays.fill(this.ratingWeight, 0);
		Arrays.fill(this.squareSum, 0);
		this.logLikelihood = 0;
	}

	/** Adds another block's per-cluster sums to these. */
	void add(SufficientStatistics other) {
		addInto(this.weight, other.weight);
		addInto(this.ratingWeight, other.ratingWeight);
		addInto(this.squareSum, other.squareSum);
		this.logLikelihood += other.logLikelihood;
	}

	/**
	 * Adds one user's per-cluster sums.
	 * @param count |C_u|
	 * @param squares sum of the user's squared (residual) ratings
	 * @param posterior post_uj, length K
	 */
	void addUser(int count, double squares, double[] posterior) {
		for (int j = 0; j < this.clusters; j++) {
			double post = posterior[j];
			this.weight[j] += post;
			if (post >= NEGLIGIBLE) {
				this.ratingWeight[j] += post * count;
				this.squareSum[j] += post * squares;
			}
		}
	}

	private static void addInto(double[] target, double[] source) {
		for (int k = 0; k < target.length; k++) {
			target[k] += source[k];
		}
	}

}
