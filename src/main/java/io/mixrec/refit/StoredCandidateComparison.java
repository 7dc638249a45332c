package io.mixrec.refit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mixrec.em.RatingMatrix;
import io.mixrec.em.RatingSplit;
import io.mixrec.em.eval.BiasRecommender;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.PopularityRecommender;
import io.mixrec.em.eval.Recommender;
import io.mixrec.model.StoredModel;
import io.mixrec.ratings.LoadedRatings;
import org.jspecify.annotations.Nullable;

/**
 * The quality gate for a version fitted outside the service, from its stored parameters.
 * The held-out ratings are rebuilt from the ratings as they are now, by key
 * ({@link RatingSplit#heldOutByKey}) with the probability the version was fitted with, so
 * they are pairs it never trained on; the candidate and the active model are both scored
 * through {@link ActiveOnHoldout} (today's item columns matched by id, users folded in
 * from their training ratings), the two baselines are fitted on the training ratings, and
 * {@link QualityGate} decides with the same rules as for an in-process refit.
 *
 * @param gate the rules and tolerance
 * @param threads evaluation threads
 * @param rankingUsers users ranked for NDCG@10
 */
record StoredCandidateComparison(QualityGate gate, int threads, int rankingUsers) {

	/**
	 * @param loaded every rating now
	 * @param probability the probability that holds a pair out
	 * @param candidate the candidate's parameters
	 * @param activeVersion the active version, or null
	 * @param active its parameters, or null without an active model
	 * @return the decision and what it was made on
	 */
	Compared compare(LoadedRatings loaded, double probability, StoredModel candidate, @Nullable Long activeVersion,
			@Nullable StoredModel active) {
		// with no cap, the key probability is the given one (the loader reads fewer
		// than 2^31 ratings)
		RatingSplit split = RatingSplit.holdOutByKey(loaded.matrix(), loaded.userKeys(), loaded.itemKeys(), probability,
				Integer.MAX_VALUE);
		RatingMatrix train = split.train();
		RatingMatrix heldOut = split.heldOut();
		if (heldOut.ratings() == 0) {
			throw new IllegalStateException("no rating is held out at probability " + probability);
		}
		Evaluator evaluator = new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD,
				this.threads, this.rankingUsers);
		QualityGate.Figures candidateFigures = figures(evaluator, train, heldOut,
				new ActiveOnHoldout(candidate.model(), candidate.itemKeys(), train, loaded.itemKeys()));
		QualityGate.Figures activeFigures = (active != null) ? figures(evaluator, train, heldOut,
				new ActiveOnHoldout(active.model(), active.itemKeys(), train, loaded.itemKeys())) : null;
		double biasRmse = evaluator.evaluate(new BiasRecommender(train), train, heldOut).rmse();
		double popularityNdcg = evaluator.evaluate(new PopularityRecommender(train), train, heldOut).ndcgAtN();
		QualityGate.Decision decision = this.gate.decide(candidateFigures, activeFigures,
				(active != null) ? activeVersion : null, biasRmse, popularityNdcg);
		return new Compared(decision, heldOut.ratings(), probability);
	}

	private static QualityGate.Figures figures(Evaluator evaluator, RatingMatrix train, RatingMatrix heldOut,
			Recommender recommender) {
		EvaluationResult result = evaluator.evaluate(recommender, train, heldOut);
		return new QualityGate.Figures(result.rmse(), result.ndcgAtN());
	}

	/**
	 * The gate's answer and the held-out ratings it was given.
	 *
	 * @param decision the decision with every figure
	 * @param heldOutRatings held-out ratings scored
	 * @param probability the probability that held them out
	 */
	record Compared(QualityGate.Decision decision, long heldOutRatings, double probability) {

		/**
		 * @param enabled whether the gate could reject
		 * @param changedSinceFit whether ratings changed since the candidate's data was
		 * read
		 * @return the decision as the version records it: an in-process refit's document
		 * and what the ratings were
		 */
		Map<String, Object> describe(boolean enabled, boolean changedSinceFit) {
			Map<String, Object> all = new LinkedHashMap<>(this.decision.describe(enabled));
			all.put("heldOutRatings", this.heldOutRatings);
			all.put("holdoutProbability", this.probability);
			all.put("ratingsChangedSinceFit", changedSinceFit);
			return all;
		}

	}

}
