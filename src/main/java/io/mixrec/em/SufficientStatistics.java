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
 * and per cluster {@code N_j = sum_u post_uj}, {@code M_j = sum_u post_uj |C_u|},
 * {@code Q_j = sum_u post_uj sum_{i in C_u} x_ui^2}, plus the block's log-likelihood.
 * Blocks are summed in block order ({@link #add}) so the total does not depend on how
 * many threads computed them. This is the "accumulate over a block, merge blocks" shape a
 * distributed engine needs.
 */
final class SufficientStatistics {

	final int clusters;

	final double[] itemWeight;

	final double[] itemSum;

	final double[] weight;

	final double[] ratingWeight;

	final double[] squareSum;

	double logLikelihood;

	SufficientStatistics(int clusters, int items) {
		this.clusters = clusters;
		this.itemWeight = new double[Math.multiplyExact(items, clusters)];
		this.itemSum = new double[items * clusters];
		this.weight = new double[clusters];
		this.ratingWeight = new double[clusters];
		this.squareSum = new double[clusters];
	}

	void reset() {
		Arrays.fill(this.itemWeight, 0);
		Arrays.fill(this.itemSum, 0);
		Arrays.fill(this.weight, 0);
		Arrays.fill(this.ratingWeight, 0);
		Arrays.fill(this.squareSum, 0);
		this.logLikelihood = 0;
	}

	/** Adds another block's statistics to these. */
	void add(SufficientStatistics other) {
		addInto(this.itemWeight, other.itemWeight);
		addInto(this.itemSum, other.itemSum);
		addInto(this.weight, other.weight);
		addInto(this.ratingWeight, other.ratingWeight);
		addInto(this.squareSum, other.squareSum);
		this.logLikelihood += other.logLikelihood;
	}

	/**
	 * Adds one user with the given posterior.
	 * @param item item index per position
	 * @param value (residual) rating per position
	 * @param from first position of the user
	 * @param to one past the last position
	 * @param posterior post_uj, length K
	 */
	void accumulate(int[] item, float[] value, int from, int to, double[] posterior) {
		int k = this.clusters;
		double squares = 0;
		double[] w = this.itemWeight;
		double[] s = this.itemSum;
		for (int p = from; p < to; p++) {
			double x = value[p];
			squares += x * x;
			int base = item[p] * k;
			for (int j = 0; j < k; j++) {
				double post = posterior[j];
				w[base + j] += post;
				s[base + j] += post * x;
			}
		}
		int count = to - from;
		for (int j = 0; j < k; j++) {
			this.weight[j] += posterior[j];
			this.ratingWeight[j] += posterior[j] * count;
			this.squareSum[j] += posterior[j] * squares;
		}
	}

	private static void addInto(double[] target, double[] source) {
		for (int k = 0; k < target.length; k++) {
			target[k] += source[k];
		}
	}

}
