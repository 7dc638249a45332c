package io.mixrec.em.eval;

import io.mixrec.em.Baseline;
import io.mixrec.em.RatingMatrix;

/**
 * Damped user and item biases {@code g + b_u + b_i}, fitted with the prototype's settings
 * (10 sweeps, damping 10 for users and 25 for items, design.md 1.2), ranking by the
 * predicted rating. The baseline the mixture's centering starts from, so the mixture has
 * to improve on it.
 */
public final class BiasRecommender implements Recommender {

	/** User damping of the prototype. */
	public static final double USER_DAMPING = 10;

	/** Item damping of the prototype. */
	public static final double ITEM_DAMPING = 25;

	/** Alternating sweeps of the prototype. */
	public static final int SWEEPS = 10;

	private final Baseline.Fit fit;

	/**
	 * @param train training ratings
	 */
	public BiasRecommender(RatingMatrix train) {
		this.fit = Baseline.fit(train, USER_DAMPING, ITEM_DAMPING, SWEEPS);
	}

	@Override
	public UserScorer forUser(int user) {
		double[] userBias = this.fit.userBias();
		double bias = (user < userBias.length) ? userBias[user] : 0;
		Baseline baseline = this.fit.baseline();
		return new UserScorer() {

			@Override
			public double predict(int item) {
				return baseline.predict(bias, item);
			}

			@Override
			public void scores(double[] out) {
				int items = baseline.itemBias().length;
				for (int i = 0; i < items; i++) {
					out[i] = baseline.predict(bias, i);
				}
			}

		};
	}

}
