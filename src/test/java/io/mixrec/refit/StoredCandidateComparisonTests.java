package io.mixrec.refit;

import java.util.SplittableRandom;

import io.mixrec.em.EmOptions;
import io.mixrec.em.FitResult;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.RatingSplit;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.FittedRecommender;
import io.mixrec.model.StoredModel;
import io.mixrec.ratings.LoadedRatings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gate of a stored candidate scores it on the pairs its own fit held out, exactly as
 * the fit's evaluation did, and the active model on the same pairs.
 */
class StoredCandidateComparisonTests {

	private static final int USERS = 120;

	private static final int ITEMS = 30;

	private final long[] userIds = keys(USERS, 1000, 7);

	private final long[] itemIds = keys(ITEMS, 50, 3);

	private final RatingMatrix ratings = tastes();

	/** The holdout of a fit with the service's settings but a fraction of 0.2. */
	private final double probability = RatingSplit.keyProbability(this.ratings.ratings(), 0.2, 200_000);

	private final RatingSplit split = RatingSplit.holdOutByKey(this.ratings, this.userIds, this.itemIds, 0.2, 200_000);

	private final FitResult good = fit(EmOptions.defaults(3));

	@Test
	void scoresTheCandidateOnThePairsItsFitHeldOutAsTheFitDid() {
		EvaluationResult fitted = evaluate(this.good);

		StoredCandidateComparison.Compared compared = comparison().compare(loaded(), this.probability,
				stored(this.good), null, null);

		assertThat(compared.heldOutRatings()).isEqualTo(this.split.heldOut().ratings()).isPositive();
		QualityGate.Decision decision = compared.decision();
		assertThat(decision.candidate().rmse()).isCloseTo(fitted.rmse(), within(1e-12));
		assertThat(decision.candidate().ndcg()).isCloseTo(fitted.ndcgAtN(), within(1e-12));
		assertThat(decision.active()).isNull();
		assertThat(decision.activate()).as(decision.reasons().toString()).isTrue();
	}

	@Test
	void scoresTheActiveModelOnTheSamePairsAndRejectsAWorseCandidate() {
		FitResult poor = fit(EmOptions.classic(1).toBuilder().maxIterations(2).build());
		EvaluationResult active = evaluate(this.good);

		QualityGate.Decision decision = comparison()
			.compare(loaded(), this.probability, stored(poor), 7L, stored(this.good))
			.decision();

		assertThat(decision.active()).isNotNull();
		assertThat(decision.active().rmse()).isCloseTo(active.rmse(), within(1e-12));
		assertThat(decision.activeVersion()).isEqualTo(7L);
		assertThat(decision.activate()).isFalse();
		assertThat(decision.rejection()).contains("active version 7");
	}

	@Test
	void neverHoldsOutMoreThanTheGivenProbability() {
		double lower = 0.05;
		RatingSplit fewer = RatingSplit.holdOutByKey(this.ratings, this.userIds, this.itemIds, lower,
				Integer.MAX_VALUE);

		assertThat(comparison().compare(loaded(), lower, stored(this.good), null, null).heldOutRatings())
			.isEqualTo(fewer.heldOut().ratings())
			.isLessThan(this.split.heldOut().ratings());
	}

	private FitResult fit(EmOptions options) {
		return new MixtureFitter(options.toBuilder().threads(1).seed(3).build()).fit(this.split.train());
	}

	private EvaluationResult evaluate(FitResult fit) {
		return evaluator().evaluate(new FittedRecommender(fit.model(), this.split.train()), this.split.train(),
				this.split.heldOut());
	}

	private static StoredCandidateComparison comparison() {
		return new StoredCandidateComparison(new QualityGate(0.02), 1, 1000);
	}

	private static Evaluator evaluator() {
		return new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD, 1, 1000);
	}

	private LoadedRatings loaded() {
		return new LoadedRatings(this.ratings, this.userIds, this.itemIds, "1:1:", 0);
	}

	private StoredModel stored(FitResult fit) {
		return new StoredModel(fit.model(), this.itemIds, fit.clusterUsers());
	}

	/** Increasing database-like keys with gaps. */
	private static long[] keys(int count, long first, long step) {
		long[] keys = new long[count];
		for (int k = 0; k < count; k++) {
			keys[k] = first + k * step;
		}
		return keys;
	}

	/**
	 * Three tastes: user u likes the items i with i mod 3 = u mod 3 (4 or 5) and not the
	 * others (1 or 2); each user rates about half the items.
	 */
	private static RatingMatrix tastes() {
		SplittableRandom random = new SplittableRandom(11);
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int u = 0; u < USERS; u++) {
			for (int i = 0; i < ITEMS; i++) {
				if (random.nextDouble() < 0.5) {
					boolean likes = i % 3 == u % 3;
					builder.add(u, i, (likes ? 4 : 1) + random.nextInt(2));
				}
			}
		}
		return builder.build(USERS, ITEMS);
	}

}
