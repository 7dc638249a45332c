package io.mixrec.em.eval;

import java.util.Arrays;

import io.mixrec.em.RatingMatrix;

/**
 * Predicts the mean of all training ratings for everything: the floor any model has to
 * clear on RMSE. It cannot rank, so top-N metrics are not reported for it.
 */
public final class GlobalMeanRecommender implements Recommender {

	private final double mean;

	private final int items;

	/**
	 * @param train training ratings
	 */
	public GlobalMeanRecommender(RatingMatrix train) {
		this.mean = train.mean();
		this.items = train.items();
	}

	public double mean() {
		return this.mean;
	}

	@Override
	public boolean ranksItems() {
		return false;
	}

	@Override
	public UserScorer forUser(int user) {
		return new UserScorer() {

			@Override
			public double predict(int item) {
				return GlobalMeanRecommender.this.mean;
			}

			@Override
			public void scores(double[] out) {
				Arrays.fill(out, 0, GlobalMeanRecommender.this.items, GlobalMeanRecommender.this.mean);
			}

		};
	}

}
