package io.mixrec.em.eval;

import io.mixrec.em.FitResult;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RankingScore;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.UserPosterior;

/**
 * A fitted mixture as the service would use it: a user's training row is folded in (bias
 * and posterior over clusters) once per {@link #forUser} call, then predictions and
 * ranking scores come from that posterior.
 */
public final class MixtureRecommender implements Recommender {

	private static final int[] NO_ITEMS = new int[0];

	private static final float[] NO_VALUES = new float[0];

	private final MixtureModel model;

	private final RatingMatrix train;

	private final RankingScore ranking;

	/**
	 * Ranks with the model's default score.
	 * @param fit the fit
	 * @param train the matrix it was fitted on
	 */
	public MixtureRecommender(FitResult fit, RatingMatrix train) {
		this(fit.model(), train, fit.model().defaultRankingScore());
	}

	/**
	 * @param model a fitted model whose items are the training matrix's columns
	 * @param train the training ratings, folded in per user
	 * @param ranking the score to rank by; the presence scores need the presence model
	 */
	public MixtureRecommender(MixtureModel model, RatingMatrix train, RankingScore ranking) {
		if (model.items() != train.items()) {
			throw new IllegalArgumentException(
					"model has " + model.items() + " items, training matrix " + train.items());
		}
		if (ranking != RankingScore.PREDICTED_RATING && !model.hasPresence()) {
			throw new IllegalArgumentException("ranking " + ranking + " needs a model with the presence model");
		}
		this.model = model;
		this.train = train;
		this.ranking = ranking;
	}

	public RankingScore ranking() {
		return this.ranking;
	}

	@Override
	public UserScorer forUser(int user) {
		UserPosterior posterior = (user < this.train.users()) ? this.model.foldIn(this.train, user)
				: this.model.foldIn(NO_ITEMS, NO_VALUES, 0);
		return new UserScorer() {

			@Override
			public double predict(int item) {
				return MixtureRecommender.this.model.predict(posterior, item);
			}

			@Override
			public void scores(double[] out) {
				MixtureRecommender.this.model.scores(posterior, MixtureRecommender.this.ranking, out);
			}

		};
	}

}
