package io.mixrec.em.eval;

import java.util.Arrays;

import io.mixrec.em.RatingMatrix;

/**
 * Predicts the mean of all training ratings for everything: the floor any model has to
 * clear on RMSE. It cannot rank, so top-N metrics are not reported for it.
 */
public final class GlobalMeanRecommender implements Recommender {

	private final UniformScorer scorer;

	/**
	 * @param train training ratings
	 */
	public GlobalMeanRecommender(RatingMatrix train) {
		double mean = train.mean();
		double[] scores = new double[train.items()];
		Arrays.fill(scores, mean);
		this.scorer = new UniformScorer(mean, scores);
	}

	@Override
	public boolean ranksItems() {
		return false;
	}

	@Override
	public UserScorer forUser(int user) {
		return this.scorer;
	}

}
