package io.mixrec.em.eval;

import io.mixrec.em.RatingMatrix;

/**
 * Ranks items by how many training ratings they have, the same list for everyone, and
 * predicts the global mean. A strong top-N baseline on MovieLens (design.md 1.2).
 */
public final class PopularityRecommender implements Recommender {

	private final double mean;

	private final double[] popularity;

	/**
	 * @param train training ratings
	 */
	public PopularityRecommender(RatingMatrix train) {
		this.mean = train.mean();
		int[] counts = train.itemCounts();
		this.popularity = new double[counts.length];
		for (int i = 0; i < counts.length; i++) {
			this.popularity[i] = counts[i];
		}
	}

	@Override
	public UserScorer forUser(int user) {
		return new UserScorer() {

			@Override
			public double predict(int item) {
				return PopularityRecommender.this.mean;
			}

			@Override
			public void scores(double[] out) {
				double[] popularity = PopularityRecommender.this.popularity;
				System.arraycopy(popularity, 0, out, 0, popularity.length);
			}

		};
	}

}
