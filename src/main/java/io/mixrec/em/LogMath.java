package io.mixrec.em;

/**
 * Log-space helpers. Densities of users with thousands of ratings underflow any floating
 * point type, so the engine only ever handles their logarithms.
 */
public final class LogMath {

	private LogMath() {
	}

	/**
	 * Turns log joints into posteriors in place and returns their log normaliser:
	 * {@code a_j <- exp(a_j - L)} with {@code L = log sum_j exp(a_j)}, computed as
	 * {@code m + log sum_j exp(a_j - m)} with {@code m = max_j a_j} so nothing overflows.
	 * One exponential per entry (the terms of the sum are reused as the posteriors),
	 * which matters because this runs once per user and iteration.
	 * @param a log joints f_j; replaced by posteriors that sum to 1
	 * @param n number of entries, >= 1
	 * @return {@code L}, the user's log-likelihood
	 */
	public static double normalizeLog(double[] a, int n) {
		double max = Double.NEGATIVE_INFINITY;
		for (int j = 0; j < n; j++) {
			max = Math.max(max, a[j]);
		}
		if (max == Double.NEGATIVE_INFINITY) {
			throw new IllegalArgumentException("every log joint is -Infinity");
		}
		double sum = 0;
		for (int j = 0; j < n; j++) {
			// below exp(-745) a double underflows to 0 anyway: skip the call
			double term = (a[j] - max > -746) ? Math.exp(a[j] - max) : 0;
			a[j] = term;
			sum += term;
		}
		double scale = 1 / sum;
		for (int j = 0; j < n; j++) {
			a[j] *= scale;
		}
		return max + Math.log(sum);
	}

	/**
	 * The standard normal upper tail {@code P(Z > z)}, via the complementary error
	 * function (Numerical Recipes {@code erfcc}, relative error below 1.2e-7).
	 * @param z the threshold in standard deviations
	 * @return the probability
	 */
	public static double normalUpperTail(double z) {
		double x = z / Math.sqrt(2);
		double t = 1 / (1 + 0.5 * Math.abs(x));
		double erfc = t * Math
			.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
					+ t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
		return 0.5 * ((x >= 0) ? erfc : 2 - erfc);
	}

}
