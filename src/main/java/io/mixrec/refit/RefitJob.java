package io.mixrec.refit;

import java.util.Optional;
import java.util.concurrent.CancellationException;

import io.mixrec.em.FittedModel;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.RatingSplit;
import io.mixrec.em.eval.BiasRecommender;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.FittedRecommender;
import io.mixrec.em.eval.PopularityRecommender;
import io.mixrec.model.ModelActivation;
import io.mixrec.model.ModelStatus;
import io.mixrec.model.ModelStore;
import io.mixrec.model.StoredModel;
import io.mixrec.ratings.LoadedRatings;
import io.mixrec.ratings.RatingLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One refit, phase by phase: load every rating, hold a sample out, fit ({@link ModelFit},
 * which may first choose K on a validation split of the rest), evaluate the new model,
 * the active one and two baselines on the held-out sample ({@link QualityGate}), then in
 * one transaction store the parameters, record the outcome, and publish the model if it
 * passes the gate and the active version is still the one the run started from.
 */
@Component
class RefitJob {

	private static final Logger logger = LoggerFactory.getLogger(RefitJob.class);

	private final RatingLoader loader;

	private final RefitRunRepository versions;

	private final ModelStore parameters;

	private final ModelActivation activation;

	private final ModelFit fitter;

	private final JsonMapper json;

	private final RefitProperties properties;

	private final RefitMetrics metrics;

	private final TransactionTemplate transaction;

	RefitJob(RatingLoader loader, RefitRunRepository versions, ModelStore parameters, ModelActivation activation,
			ModelFit fitter, JsonMapper json, RefitProperties properties, RefitMetrics metrics,
			TransactionTemplate transaction) {
		this.loader = loader;
		this.versions = versions;
		this.parameters = parameters;
		this.activation = activation;
		this.fitter = fitter;
		this.json = json;
		this.properties = properties;
		this.metrics = metrics;
		this.transaction = transaction;
	}

	/**
	 * Runs the plan to its end; every outcome, failures included, is recorded in the
	 * run's row.
	 */
	void run(RefitPlan plan, RefitProgress progress) {
		long version = plan.version();
		try {
			progress.phase("load");
			LoadedRatings loaded = this.loader.load();
			this.metrics.phase("load", loaded.loadNanos());
			if (loaded.matrix().ratings() == 0) {
				throw new IllegalStateException("there are no ratings to fit");
			}
			checkStop(progress);
			// held-out ratings chosen by their keys: the active model never trained on
			// them
			// either, so the gate compares both on ratings neither has seen
			RatingSplit split = (plan.holdoutFraction() > 0) ? RatingSplit.holdOutByKey(loaded.matrix(),
					loaded.userKeys(), loaded.itemKeys(), plan.holdoutFraction(), plan.holdoutMax()) : null;
			RatingMatrix train = (split != null) ? split.train() : loaded.matrix();

			progress.phase("fit");
			long fitStarted = System.nanoTime();
			ModelFit.Fitted fit = this.fitter.fit(plan, progress, train, loaded.itemKeys());
			long fitNanos = System.nanoTime() - fitStarted;
			this.metrics.phase("fit", fitNanos);
			checkStop(progress);

			progress.phase("evaluate");
			long evaluateStarted = System.nanoTime();
			Holdout holdout = (split != null && split.heldOut().ratings() > 0)
					? evaluate(plan, fit.model(), split, loaded.itemKeys()) : null;
			long evaluateNanos = System.nanoTime() - evaluateStarted;
			this.metrics.phase("evaluate", evaluateNanos);
			checkStop(progress);

			progress.phase("persist");
			ModelStatus ended = persistAndPublish(plan, progress, loaded, fit, holdout,
					new PhaseNanos(loaded.loadNanos(), fitNanos, evaluateNanos));
			this.metrics.outcome(ended);
			logger.info("Refit {} {}: {} ratings, {} K={}, {} iterations, holdout RMSE {}, NDCG@10 {}{}", version,
					ended.code(), loaded.matrix().ratings(), plan.recipe().preset().code(), fit.model().clusters(),
					fit.iterations(), (holdout != null) ? holdout.candidate().rmse() : "n/a",
					(holdout != null) ? holdout.candidate().ndcgAtN() : "n/a",
					(holdout != null && !holdout.decision().activate()) ? " (" + holdout.decision().rejection() + ")"
							: "");
		}
		catch (CancellationException ex) {
			String reason = (progress.stopReason() != null) ? progress.stopReason() : "cancelled";
			boolean lostLease = reason.startsWith("lease");
			this.versions.finishWithoutModel(version, lostLease ? ModelStatus.FAILED : ModelStatus.CANCELLED, reason);
			this.metrics.outcome(lostLease ? ModelStatus.FAILED : ModelStatus.CANCELLED);
			logger.info("Refit {} stopped: {}", version, reason);
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			this.versions.finishWithoutModel(version, ModelStatus.FAILED, error);
			this.metrics.outcome(ModelStatus.FAILED);
			logger.error("Refit {} failed", version, ex);
		}
	}

	/**
	 * Scores the candidate, the active model (if any) and the two baselines on the
	 * candidate's held-out ratings, and lets the gate decide.
	 */
	private Holdout evaluate(RefitPlan plan, FittedModel candidate, RatingSplit split, long[] itemKeys) {
		RatingMatrix train = split.train();
		RatingMatrix heldOut = split.heldOut();
		Evaluator evaluator = new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD,
				plan.recipe().threads(), this.properties.rankingUsers());
		EvaluationResult result = evaluator.evaluate(new FittedRecommender(candidate, train), train, heldOut);
		QualityGate.Figures active = null;
		Long activeVersion = plan.baseVersion();
		if (activeVersion != null) {
			Optional<StoredModel> stored = this.parameters.load(activeVersion);
			if (stored.isPresent()) {
				active = figures(evaluator.evaluate(
						new ActiveOnHoldout(stored.get().model(), stored.get().itemKeys(), train, itemKeys), train,
						heldOut));
			}
		}
		double biases = evaluator.evaluate(new BiasRecommender(train), train, heldOut).rmse();
		double popularity = evaluator.evaluate(new PopularityRecommender(train), train, heldOut).ndcgAtN();
		return new Holdout(result, new QualityGate(this.properties.gateTolerance()).decide(figures(result), active,
				(active != null) ? activeVersion : null, biases, popularity));
	}

	private static QualityGate.Figures figures(EvaluationResult result) {
		return new QualityGate.Figures(result.rmse(), result.ndcgAtN());
	}

	private ModelStatus persistAndPublish(RefitPlan plan, RefitProgress progress, LoadedRatings loaded,
			ModelFit.Fitted fit, @Nullable Holdout holdout, PhaseNanos nanos) {
		String rejection = (holdout != null && this.properties.gateEnabled()) ? holdout.decision().rejection() : null;
		ModelStatus ended = this.transaction.execute((status) -> {
			long persistStarted = System.nanoTime();
			this.parameters.save(plan.version(), new StoredModel(fit.model(), loaded.itemKeys(), fit.clusterUsers()));
			long persistNanos = System.nanoTime() - persistStarted;
			ModelStatus result = (rejection != null) ? ModelStatus.REJECTED : ModelStatus.SUCCEEDED;
			RefitRunRepository.FittedRun fitted = new RefitRunRepository.FittedRun(fit.model().clusters(),
					fit.iterations(), fit.trace(), fit.converged(), fit.objective(), fit.logLikelihood(), fit.bic(),
					(holdout != null) ? holdout.candidate().testRatings() : null,
					(holdout != null) ? holdout.candidate().rmse() : null,
					(holdout != null) ? holdout.candidate().mae() : null,
					(holdout != null) ? finite(holdout.candidate().ndcgAtN()) : null, loaded.matrix().users(),
					loaded.matrix().items(), loaded.matrix().ratings(), loaded.watermark(), millis(nanos.load()),
					millis(nanos.fit()), millis(nanos.evaluate()), millis(persistNanos), rejection,
					(fit.selection() != null) ? this.json.writeValueAsString(fit.selection()) : null,
					(holdout != null)
							? this.json.writeValueAsString(holdout.decision().describe(this.properties.gateEnabled()))
							: null,
					(holdout != null) ? (holdout.decision().activate() ? "activate" : "reject") : null,
					progress.initialisation());
			if (!this.versions.finishWithModel(plan.version(), result, fitted)) {
				// our row is no longer running: the lease was lost and someone else may
				// run now
				progress.stop("lease lost before the model was stored");
				throw new CancellationException("lease lost");
			}
			this.metrics.phase("persist", persistNanos);
			if (result == ModelStatus.SUCCEEDED
					&& !this.activation.publishIfUnchanged(plan.version(), plan.baseVersion())) {
				this.versions.noteNotActivated(plan.version(),
						"not activated: the active version changed during the refit (it started from "
								+ ((plan.baseVersion() != null) ? "version " + plan.baseVersion() : "no active version")
								+ ")");
				return ModelStatus.SUCCEEDED;
			}
			return (result == ModelStatus.SUCCEEDED) ? ModelStatus.ACTIVE : result;
		});
		return (ended != null) ? ended : ModelStatus.FAILED;
	}

	private static void checkStop(RefitProgress progress) {
		if (progress.stopRequested()) {
			throw new CancellationException(progress.stopReason());
		}
	}

	private static @Nullable Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	/** Wall time of the phases before persisting, as the version records them. */
	private record PhaseNanos(long load, long fit, long evaluate) {
	}

	/**
	 * The candidate's figures on its held-out ratings and the gate's decision.
	 */
	private record Holdout(EvaluationResult candidate, QualityGate.Decision decision) {
	}

}
