package io.mixrec.em.eval;

import io.mixrec.em.RatingMatrix;

/**
 * Ranks items by how many training ratings they have, the same list for everyone, and
 * predicts the global mean. A strong top-N baseline on MovieLens (design.md 1.2).
 */
public final class PopularityRecommender implements Recommender {

	private final UniformScorer scorer;

	/**
	 * @param train training ratings
	 */
	public PopularityRecommender(RatingMatrix train) {
		int[] counts = train.itemCounts();
		double[] popularity = new double[counts.length];
		for (int i = 0; i < counts.length; i++) {
			popularity[i] = counts[i];
		}
		this.scorer = new UniformScorer(train.mean(), popularity);
	}

	@Override
	public UserScorer forUser(int user) {
		return this.scorer;
	}

}
