package io.mixrec.em;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means++ seeding on observed entries. A centre is a user; its mean for item i is the
 * user's rating, or the prior mean where the user did not rate i. The distance of user u
 * to a centre is the mean squared difference over u's rated items. The first centre is a
 * uniformly drawn user with ratings, each further one is drawn with probability
 * proportional to the distance to the nearest centre chosen so far (Arthur and
 * Vassilvitskii 2007). Costs O(ratings x K).
 */
final class KMeansPlusPlus {

	private final RatingMatrix matrix;

	private final float[] values;

	private final double[] priorMean;

	KMeansPlusPlus(RatingMatrix matrix, float[] values, double[] priorMean) {
		this.matrix = matrix;
		this.values = values;
		this.priorMean = priorMean;
	}

	/**
	 * Writes K centres into {@code target.mean}; weights, variances and presence stay.
	 */
	void seed(SplittableRandom random, Parameters target) {
		int n = this.matrix.users();
		int k = target.clusters;
		double[] nearest = new double[n];
		Arrays.fill(nearest, Double.POSITIVE_INFINITY);
		double[] centre = new double[this.matrix.items()];
		int rated = 0;
		for (int u = 0; u < n; u++) {
			rated += (this.matrix.count(u) > 0) ? 1 : 0;
		}
		for (int j = 0; j < k; j++) {
			int chosen = (j == 0 || rated == 0) ? uniformRatedUser(random, rated) : proportional(random, nearest);
			System.arraycopy(this.priorMean, 0, centre, 0, centre.length);
			if (chosen >= 0) {
				for (int p = this.matrix.start(chosen); p < this.matrix.end(chosen); p++) {
					centre[this.matrix.item(p)] = this.values[p];
				}
			}
			for (int i = 0; i < centre.length; i++) {
				target.mean[i * k + j] = centre[i];
			}
			for (int u = 0; u < n; u++) {
				nearest[u] = Math.min(nearest[u], distance(u, centre));
			}
		}
	}

	private double distance(int user, double[] centre) {
		return distance(this.matrix, this.values, user, centre);
	}

	/**
	 * @return the mean squared difference of row u's values from the centre over the
	 * row's items, 0 for a row without ratings
	 */
	static double distance(RatingMatrix matrix, float[] values, int user, double[] centre) {
		int count = matrix.count(user);
		if (count == 0) {
			return 0;
		}
		double sum = 0;
		for (int p = matrix.start(user); p < matrix.end(user); p++) {
			double d = values[p] - centre[matrix.item(p)];
			sum += d * d;
		}
		return sum / count;
	}

	private int uniformRatedUser(SplittableRandom random, int rated) {
		if (rated == 0) {
			return -1;
		}
		int target = random.nextInt(rated);
		for (int u = 0; u < this.matrix.users(); u++) {
			if (this.matrix.count(u) > 0 && target-- == 0) {
				return u;
			}
		}
		throw new IllegalStateException("unreachable");
	}

	private static int proportional(SplittableRandom random, double[] nearest) {
		double total = 0;
		for (double d : nearest) {
			total += d;
		}
		if (!(total > 0)) {
			return random.nextInt(nearest.length);
		}
		double target = random.nextDouble() * total;
		int last = -1;
		for (int u = 0; u < nearest.length; u++) {
			if (nearest[u] > 0) {
				last = u;
				target -= nearest[u];
				if (target < 0) {
					return u;
				}
			}
		}
		return last;
	}

}
