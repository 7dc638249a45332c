package io.mixrec.em.eval;

import java.util.Arrays;
import java.util.Comparator;

import io.mixrec.em.FittedModel;
import io.mixrec.em.FoldedUser;
import io.mixrec.em.RatingMatrix;

/**
 * How well a model's predictive standard deviation ({@link FoldedUser#stdDev}) describes
 * its errors on held-out ratings.
 *
 * <p>
 * For every test rating r with prediction m (clamped to the training scale, as served)
 * and standard deviation s: the central 80 % and 95 % normal intervals
 * {@code m +- 1.2816 s} and {@code m +- 1.9600 s} cover r or not, and the absolute error
 * |r - m| is rank-correlated with s (Spearman, ties at their mean rank). Then a user's
 * uncertainty is their mean s over all items: a cold-start user's (no ratings) against
 * the median over at most {@value #USERS} training users.
 *
 * @param coverage80 share of test ratings inside the central 80 % interval
 * @param coverage95 share inside the central 95 % interval
 * @param spearman Spearman correlation of absolute error and standard deviation
 * @param coldStartStdDev a cold-start user's mean standard deviation over all items
 * @param medianUserStdDev the median of known users' mean standard deviations
 * @param testRatings test ratings scored
 */
public record UncertaintyReport(double coverage80, double coverage95, double spearman, double coldStartStdDev,
		double medianUserStdDev, int testRatings) {

	/** Known users whose mean standard deviation is computed, at most. */
	static final int USERS = 1000;

	private static final double Z80 = 1.2815515655446004;

	private static final double Z95 = 1.959963984540054;

	/**
	 * @param model a fitted model whose items are the training matrix's columns
	 * @param train its training ratings, folded in per user
	 * @param test held-out ratings in the same index spaces
	 * @return the report
	 */
	public static UncertaintyReport of(FittedModel model, RatingMatrix train, RatingMatrix test) {
		double low = Double.POSITIVE_INFINITY;
		double high = Double.NEGATIVE_INFINITY;
		for (int p = 0; p < train.ratings(); p++) {
			low = Math.min(low, train.value(p));
			high = Math.max(high, train.value(p));
		}
		int n = test.ratings();
		double[] error = new double[n];
		double[] deviation = new double[n];
		int inside80 = 0;
		int inside95 = 0;
		int k = 0;
		for (int u = 0; u < test.users(); u++) {
			if (test.count(u) == 0) {
				continue;
			}
			FoldedUser user = model.fold(train, u);
			for (int p = test.start(u); p < test.end(u); p++) {
				double predicted = Math.min(high, Math.max(low, user.predict(test.item(p))));
				double sd = user.stdDev(test.item(p));
				error[k] = Math.abs(test.value(p) - predicted);
				deviation[k] = sd;
				inside80 += (error[k] <= Z80 * sd) ? 1 : 0;
				inside95 += (error[k] <= Z95 * sd) ? 1 : 0;
				k++;
			}
		}
		int users = Math.min(USERS, train.users());
		double[] means = new double[users];
		int stride = Math.max(1, train.users() / Math.max(1, users));
		for (int s = 0; s < users; s++) {
			means[s] = meanStdDev(model.fold(train, s * stride), model.items());
		}
		Arrays.sort(means);
		double median = (users > 0) ? means[users / 2] : Double.NaN;
		double cold = meanStdDev(model.fold(new int[0], new float[0], 0), model.items());
		return new UncertaintyReport((double) inside80 / n, (double) inside95 / n,
				pearson(ranks(error), ranks(deviation)), cold, median, n);
	}

	private static double meanStdDev(FoldedUser user, int items) {
		double sum = 0;
		for (int i = 0; i < items; i++) {
			sum += user.stdDev(i);
		}
		return sum / items;
	}

	/** Ranks from 0, ties at the mean of their ranks. */
	static double[] ranks(double[] values) {
		Integer[] order = new Integer[values.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]));
		double[] ranks = new double[values.length];
		for (int first = 0; first < order.length;) {
			int last = first;
			while (last + 1 < order.length && values[order[last + 1]] == values[order[first]]) {
				last++;
			}
			double rank = (first + last) / 2.0;
			for (int q = first; q <= last; q++) {
				ranks[order[q]] = rank;
			}
			first = last + 1;
		}
		return ranks;
	}

	static double pearson(double[] a, double[] b) {
		double meanA = Arrays.stream(a).average().orElse(Double.NaN);
		double meanB = Arrays.stream(b).average().orElse(Double.NaN);
		double ab = 0;
		double aa = 0;
		double bb = 0;
		for (int i = 0; i < a.length; i++) {
			ab += (a[i] - meanA) * (b[i] - meanB);
			aa += (a[i] - meanA) * (a[i] - meanA);
			bb += (b[i] - meanB) * (b[i] - meanB);
		}
		return ab / Math.sqrt(aa * bb);
	}

}
