package io.mixrec.refit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mixrec.em.EmOptions;
import io.mixrec.em.FitResult;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.RatingSplit;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.FittedRecommender;
import io.mixrec.model.ModelStore;
import io.mixrec.model.StoredModel;
import io.mixrec.ratings.LoadedRatings;
import io.mixrec.ratings.RatingLoader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes versions the way the refit on Spark does ({@code spark/ModelVersionWriter}):
 * every rating read with a watermark, the pairs that hash below the holdout probability
 * held out, a model fitted on the rest and evaluated on them, and a {@code succeeded} row
 * with trigger {@code spark}, its holdout figures and the holdout it was fitted with.
 * spark/'s own end-to-end test writes one with the real job.
 */
record SparkVersions(RatingLoader loader, ModelStore models, JdbcClient jdbc, JsonMapper json) {

	static final double FRACTION = 0.2;

	static final int MAX = 200_000;

	/** A mixture that personalises: it beats both baselines on taste data. */
	static EmOptions good() {
		return EmOptions.defaults(4).toBuilder().threads(2).seed(5).build();
	}

	/** One cluster after two iterations: about the damped biases, worse than good(). */
	static EmOptions poor() {
		return EmOptions.classic(1).toBuilder().maxIterations(2).threads(2).seed(5).build();
	}

	/**
	 * @param options what to fit
	 * @return the new version and the job's holdout figures
	 */
	Written write(EmOptions options) {
		LoadedRatings loaded = this.loader.load();
		double probability = RatingSplit.keyProbability(loaded.matrix().ratings(), FRACTION, MAX);
		RatingSplit split = RatingSplit.holdOutByKey(loaded.matrix(), loaded.userKeys(), loaded.itemKeys(), FRACTION,
				MAX);
		FitResult fit = new MixtureFitter(options).fit(split.train());
		EvaluationResult holdout = new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD, 2,
				1000)
			.evaluate(new FittedRecommender(fit.model(), split.train()), split.train(), split.heldOut());
		Map<String, Object> recorded = new LinkedHashMap<>();
		recorded.put("preset", "mixture");
		recorded.put("clusters", options.clusters());
		recorded.put("holdoutFraction", FRACTION);
		recorded.put("holdoutMax", MAX);
		recorded.put("holdoutProbability", probability);
		long version = this.jdbc.sql("""
				insert into model_versions (status, trigger, options, seed, clusters, owner, phase, finished_at,
				    iterations, converged, objective, users, items, ratings, watermark, holdout_ratings, holdout_rmse,
				    holdout_mae, holdout_ndcg)
				values ('running', 'spark', ?::jsonb, ?, ?, 'spark:test', 'persist', now(), ?, ?, ?, ?, ?, ?,
				    ?::pg_snapshot, ?, ?, ?, ?)
				returning version
				""")
			.params(this.json.writeValueAsString(recorded), options.seed(), options.clusters(), fit.totalIterations(),
					fit.converged(), fit.objective(), loaded.matrix().users(), loaded.matrix().items(),
					split.train().ratings(), loaded.watermark(), holdout.testRatings(), holdout.rmse(), holdout.mae(),
					holdout.ndcgAtN())
			.query(Long.class)
			.single();
		this.models.save(version, new StoredModel(fit.model(), loaded.itemKeys(), fit.clusterUsers()));
		this.jdbc.sql("update model_versions set status = 'succeeded', phase = 'done' where version = ?")
			.param(version)
			.update();
		return new Written(version, holdout);
	}

	/**
	 * @param version the new version
	 * @param holdout the figures the job recorded
	 */
	record Written(long version, EvaluationResult holdout) {
	}

}
