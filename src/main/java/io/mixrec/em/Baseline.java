package io.mixrec.em;

import java.util.Arrays;

/**
 * Damped additive biases {@code r_ui ~ g + b_u + b_i}: the part of a rating explained by
 * how generous the user is and how good the item is. With centering on, EM models only
 * the residual {@code r_ui - g - b_u - b_i}.
 *
 * <p>
 * Fitted by alternating sweeps, items first, starting from zero biases:
 *
 * <pre>
 * b_i = sum_{u in R_i} (r_ui - g - b_u) / (lambda_i + |R_i|)
 * b_u = sum_{i in C_u} (r_ui - g - b_i) / (lambda_u + |C_u|)
 * </pre>
 *
 * Each sweep ends with the user update, so the training bias of a user is exactly what
 * {@link #userBias} computes when the user is folded in at serving time.
 *
 * @param globalMean g, the mean of all training ratings (0 when centering is off)
 * @param itemBias b_i per item (all 0 when centering is off)
 * @param userDamping lambda_u; infinity turns user biases off
 */
public record Baseline(double globalMean, double[] itemBias, double userDamping) {

	/**
	 * @param items number of items
	 * @return the baseline of an uncentered model: everything 0
	 */
	public static Baseline none(int items) {
		return new Baseline(0, new double[items], Double.POSITIVE_INFINITY);
	}

	/**
	 * Fits damped biases.
	 * @param matrix training ratings
	 * @param userDamping lambda_u
	 * @param itemDamping lambda_i
	 * @param sweeps number of item-then-user sweeps, >= 1
	 * @return the item biases and the user bias of every training user
	 */
	public static Fit fit(RatingMatrix matrix, double userDamping, double itemDamping, int sweeps) {
		int n = matrix.users();
		int d = matrix.items();
		double g = matrix.mean();
		double[] bu = new double[n];
		double[] bi = new double[d];
		double[] itemSum = new double[d];
		int[] itemCount = matrix.itemCounts();
		for (int sweep = 0; sweep < sweeps; sweep++) {
			Arrays.fill(itemSum, 0);
			addItemResiduals(matrix, g, bu, itemSum);
			for (int i = 0; i < d; i++) {
				bi[i] = itemSum[i] / (itemDamping + itemCount[i]);
			}
			userBiases(matrix, g, bi, userDamping, bu);
		}
		return new Fit(new Baseline(g, bi, userDamping), bu);
	}

	/**
	 * Adds {@code r_ui - g - b_u} of every rating of {@code matrix} to its item's sum:
	 * the numerator of an item sweep. Rows may be any consecutive users of a fit, so
	 * parts of the users can be summed apart and added ({@code DistributedEnsemble}).
	 * @param matrix the rows
	 * @param g the global mean
	 * @param bu b_u per row
	 * @param itemSum per item, added to
	 */
	static void addItemResiduals(RatingMatrix matrix, double g, double[] bu, double[] itemSum) {
		for (int u = 0; u < matrix.users(); u++) {
			for (int k = matrix.start(u); k < matrix.end(u); k++) {
				itemSum[matrix.item(k)] += matrix.value(k) - g - bu[u];
			}
		}
	}

	/**
	 * A user sweep: {@code b_u = sum_{i in C_u} (r_ui - g - b_i) / (lambda_u + |C_u|)}, 0
	 * for a row without ratings.
	 * @param matrix the rows
	 * @param g the global mean
	 * @param bi b_i per item
	 * @param userDamping lambda_u
	 * @param bu per row, written
	 */
	static void userBiases(RatingMatrix matrix, double g, double[] bi, double userDamping, double[] bu) {
		for (int u = 0; u < matrix.users(); u++) {
			double sum = 0;
			for (int k = matrix.start(u); k < matrix.end(u); k++) {
				sum += matrix.value(k) - g - bi[matrix.item(k)];
			}
			int count = matrix.count(u);
			bu[u] = (count > 0) ? sum / (userDamping + count) : 0;
		}
	}

	/**
	 * The damped bias of a user given their ratings and these item biases.
	 * @param items item indices known to the model
	 * @param values the user's ratings of them
	 * @param n number of entries to use
	 * @return b_u, 0 for a user without ratings or when user biases are off
	 */
	public double userBias(int[] items, float[] values, int n) {
		if (n == 0 || Double.isInfinite(this.userDamping)) {
			return 0;
		}
		double sum = 0;
		for (int k = 0; k < n; k++) {
			sum += values[k] - this.globalMean - this.itemBias[items[k]];
		}
		return sum / (this.userDamping + n);
	}

	/**
	 * @return whether the biases were fitted (user biases on), as opposed to
	 * {@link #none}
	 */
	public boolean centred() {
		return Double.isFinite(this.userDamping);
	}

	/**
	 * @return {@code g + b_u + b_i}
	 */
	public double predict(double userBias, int item) {
		return this.globalMean + userBias + this.itemBias[item];
	}

	/**
	 * Biases fitted on training data.
	 *
	 * @param baseline the model part (global mean, item biases, user damping)
	 * @param userBias the training users' biases
	 */
	public record Fit(Baseline baseline, double[] userBias) {
	}

}
