package io.mixrec.em;

import java.util.SplittableRandom;

/** Small random rating matrices with cluster structure, for invariant tests. */
final class RandomRatings {

	private RandomRatings() {
	}

	/**
	 * @param users rows
	 * @param items columns
	 * @param density probability that a cell is observed
	 * @param clusters planted user types
	 * @param seed random seed
	 * @return ratings in 1..5 (half steps) around planted type means
	 */
	static RatingMatrix matrix(int users, int items, double density, int clusters, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[][] typeMean = new double[clusters][items];
		for (int j = 0; j < clusters; j++) {
			for (int i = 0; i < items; i++) {
				typeMean[j][i] = 1 + 4 * random.nextDouble();
			}
		}
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int u = 0; u < users; u++) {
			int type = random.nextInt(clusters);
			for (int i = 0; i < items; i++) {
				// popular items (low index) are rated more often
				if (random.nextDouble() < density * 2 * (items - i) / items) {
					double value = typeMean[type][i] + random.nextGaussian() * 0.7;
					builder.add(u, i, (float) Math.max(1, Math.min(5, Math.round(value * 2) / 2.0)));
				}
			}
		}
		return builder.build(users, items);
	}

}
