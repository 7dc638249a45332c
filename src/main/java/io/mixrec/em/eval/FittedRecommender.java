package io.mixrec.em.eval;

import java.util.Arrays;

import io.mixrec.em.FittedModel;
import io.mixrec.em.FoldedUser;
import io.mixrec.em.Ranker;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.TopN;

/**
 * A fitted model of any kind as the service serves it: a user's training row is folded in
 * once per {@link #forUser} call, predictions come from that state, and top-N from the
 * model's {@link Ranker} with its default score.
 */
public final class FittedRecommender implements Recommender {

	private final FittedModel model;

	private final RatingMatrix train;

	private final Ranker ranker;

	/**
	 * @param model a fitted model whose items are the training matrix's columns
	 * @param train the training ratings, folded in per user
	 */
	public FittedRecommender(FittedModel model, RatingMatrix train) {
		if (model.items() != train.items()) {
			throw new IllegalArgumentException(
					"model has " + model.items() + " items, training matrix " + train.items());
		}
		this.model = model;
		this.train = train;
		this.ranker = model.ranker();
	}

	@Override
	public UserScorer forUser(int user) {
		return scorer(foldIn(user), this.ranker, this.model.items());
	}

	/**
	 * @param user a training row, or beyond the last for a cold start
	 * @return the user folded in from their training ratings
	 */
	public FoldedUser foldIn(int user) {
		return this.model.fold(this.train, user);
	}

	/**
	 * A scorer of a folded user: predictions from the user's state, rankings from the
	 * ranker; {@link UserScorer#scores} gives every item the score the ranker gives it (0
	 * for none: a ranker only scores the items it needs).
	 */
	static UserScorer scorer(FoldedUser user, Ranker ranker, int items) {
		return new UserScorer() {

			@Override
			public double predict(int item) {
				return user.predict(item);
			}

			@Override
			public void scores(double[] out) {
				int[] index = new int[items];
				double[] score = new double[items];
				double[] work = new double[items];
				int n = ranker.top(user, new int[0], 0, new TopN(items), work, index, score);
				Arrays.fill(out, 0, items, Double.NEGATIVE_INFINITY);
				for (int k = 0; k < n; k++) {
					out[index[k]] = score[k];
				}
			}

			@Override
			public int top(int[] excluded, int excludedCount, TopN selector, double[] buffer, int count, int[] out) {
				Arrays.fill(buffer, 0, count, 0.0);
				return ranker.top(user, excluded, excludedCount, selector, buffer, out, new double[out.length]);
			}

		};
	}

}
