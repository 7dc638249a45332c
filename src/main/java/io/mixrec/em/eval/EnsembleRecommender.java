package io.mixrec.em.eval;

import java.util.Arrays;

import io.mixrec.em.EnsembleModel;
import io.mixrec.em.EnsembleUser;
import io.mixrec.em.Ranker;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.TopN;

/**
 * A fitted ensemble as the service uses it: a user's training row is folded in once per
 * {@link #forUser} call, then predictions and ranking scores come from that state.
 */
public final class EnsembleRecommender implements Recommender {

	private static final int[] NO_ITEMS = new int[0];

	private static final float[] NO_VALUES = new float[0];

	private final EnsembleModel model;

	private final RatingMatrix train;

	private final Ranker ranker;

	/**
	 * @param model a fitted model whose items are the training matrix's columns
	 * @param train the training ratings, folded in per user
	 */
	public EnsembleRecommender(EnsembleModel model, RatingMatrix train) {
		if (model.items() != train.items()) {
			throw new IllegalArgumentException(
					"model has " + model.items() + " items, training matrix " + train.items());
		}
		this.model = model;
		this.train = train;
		this.ranker = model.ranker();
	}

	/**
	 * @param user a training row, or beyond the last for a cold start
	 * @return the user folded in from their training ratings
	 */
	public EnsembleUser foldIn(int user) {
		if (user >= this.train.users()) {
			return this.model.foldIn(NO_ITEMS, NO_VALUES, 0);
		}
		int from = this.train.start(user);
		int n = this.train.count(user);
		int[] items = new int[n];
		float[] values = new float[n];
		for (int p = 0; p < n; p++) {
			items[p] = this.train.item(from + p);
			values[p] = this.train.value(from + p);
		}
		return this.model.foldIn(items, values, n);
	}

	@Override
	public UserScorer forUser(int user) {
		EnsembleUser state = foldIn(user);
		EnsembleModel m = this.model;
		return new UserScorer() {

			@Override
			public double predict(int item) {
				return m.predict(state, item);
			}

			@Override
			public void scores(double[] out) {
				for (int i = 0; i < m.items(); i++) {
					out[i] = m.score(state, i);
				}
			}

			@Override
			public int top(int[] excluded, int excludedCount, TopN selector, double[] buffer, int items, int[] out) {
				// the ranker's answer is that of scores() and a selection, at a fraction
				// of
				// the cost
				Arrays.fill(buffer, 0, items, 0.0);
				return EnsembleRecommender.this.ranker.top(state, excluded, excludedCount, selector, buffer, out,
						new double[out.length]);
			}

		};
	}

}
