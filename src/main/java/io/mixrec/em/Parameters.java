package io.mixrec.em;

import java.io.Serializable;

/**
 * The parameters of a K-component spherical mixture over D items, flat and item-major so
 * that the inner loop over clusters of one rating is contiguous: the mean of cluster j
 * for item i is {@code mean[i * K + j]}, likewise {@code presence}.
 *
 * <p>
 * Also holds the per-cluster constants the E-step needs, derived once per iteration by
 * {@link #derive}: {@code log p_j}, {@code log(2 pi var_j)}, {@code 1 / (2 var_j)} and
 * {@code tau * log pi_ji}. Mutable inside a fit; a {@link MixtureModel} owns a copy it
 * never changes.
 */
final class Parameters implements Serializable {

	private static final long serialVersionUID = 1L;

	final int clusters;

	final int items;

	final double[] weight;

	final double[] variance;

	final double[] mean;

	/** pi_ji, item-major; empty when the presence model is off. */
	final double[] presence;

	final double presenceWeight;

	/** Tempering of the rating log-likelihood in {@link #logJoint}; 1 = off. */
	final double ratingWeight;

	final double[] logWeight;

	final double[] logNorm;

	final double[] halfPrecision;

	/** tau * log pi_ji, item-major; empty when the presence model is off. */
	final double[] weightedLogPresence;

	Parameters(int clusters, int items, boolean presence, double presenceWeight) {
		this(clusters, items, presence, presenceWeight, 1);
	}

	Parameters(int clusters, int items, boolean presence, double presenceWeight, double ratingWeight) {
		this.clusters = clusters;
		this.items = items;
		this.weight = new double[clusters];
		this.variance = new double[clusters];
		this.mean = new double[Math.multiplyExact(items, clusters)];
		this.presence = presence ? new double[items * clusters] : new double[0];
		this.presenceWeight = presenceWeight;
		this.ratingWeight = ratingWeight;
		this.logWeight = new double[clusters];
		this.logNorm = new double[clusters];
		this.halfPrecision = new double[clusters];
		this.weightedLogPresence = presence ? new double[items * clusters] : new double[0];
	}

	boolean hasPresence() {
		return this.presence.length > 0;
	}

	/** Recomputes the derived constants after the primary parameters changed. */
	Parameters derive() {
		for (int j = 0; j < this.clusters; j++) {
			this.logWeight[j] = Math.log(this.weight[j]);
			this.logNorm[j] = Math.log(2 * Math.PI * this.variance[j]);
			this.halfPrecision[j] = 0.5 / this.variance[j];
		}
		for (int k = 0; k < this.presence.length; k++) {
			this.weightedLogPresence[k] = this.presenceWeight * Math.log(this.presence[k]);
		}
		return this;
	}

	Parameters copy() {
		Parameters copy = new Parameters(this.clusters, this.items, hasPresence(), this.presenceWeight,
				this.ratingWeight);
		copy.copyFrom(this);
		return copy;
	}

	void copyFrom(Parameters other) {
		System.arraycopy(other.weight, 0, this.weight, 0, this.clusters);
		System.arraycopy(other.variance, 0, this.variance, 0, this.clusters);
		System.arraycopy(other.mean, 0, this.mean, 0, this.mean.length);
		System.arraycopy(other.presence, 0, this.presence, 0, this.presence.length);
		derive();
	}

	/**
	 * The log joint {@code f_j = log p(x_Cu, C_u, z = j)} of one user for every cluster:
	 *
	 * <pre>
	 * f_j = log p_j + rho [-|C_u|/2 log(2 pi var_j) - 1/(2 var_j) sum_{i in C_u} (x_ui - mu_ji)^2]
	 *       + tau sum_{i in C_u} log pi_ji
	 * </pre>
	 *
	 * with the rating weight rho (1 unless tempered; then f_j is a tempered log joint).
	 *
	 * The squared distance is summed directly rather than expanded, which costs the same
	 * and cannot cancel.
	 * @param kernels the sums to run
	 * @param item item index per position
	 * @param value (residual) rating per position
	 * @param from first position
	 * @param to one past the last position
	 * @param distance scratch of length K
	 * @param presenceSum scratch of length K
	 * @param f output of length K
	 */
	void logJoint(Kernels kernels, int[] item, float[] value, int from, int to, double[] distance, double[] presenceSum,
			double[] f) {
		int k = this.clusters;
		kernels.squaredDistances(this.mean, k, item, value, from, to, distance);
		double half = 0.5 * (to - from);
		if (this.ratingWeight == 1) {
			for (int j = 0; j < k; j++) {
				f[j] = this.logWeight[j] - half * this.logNorm[j] - this.halfPrecision[j] * distance[j];
			}
		}
		else {
			double rho = this.ratingWeight;
			for (int j = 0; j < k; j++) {
				f[j] = this.logWeight[j] - rho * (half * this.logNorm[j] + this.halfPrecision[j] * distance[j]);
			}
		}
		if (hasPresence()) {
			kernels.columnSums(this.weightedLogPresence, k, item, from, to, presenceSum);
			for (int j = 0; j < k; j++) {
				f[j] += presenceSum[j];
			}
		}
	}

}
