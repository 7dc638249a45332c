package io.mixrec.refit;

import java.util.Optional;
import java.util.concurrent.CancellationException;

import io.mixrec.em.EmOptions;
import io.mixrec.em.FitResult;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.RatingSplit;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.MixtureRecommender;
import io.mixrec.model.ModelActivation;
import io.mixrec.model.ModelParametersRepository;
import io.mixrec.model.ModelStatus;
import io.mixrec.model.ModelVersion;
import io.mixrec.model.ModelVersionRepository;
import io.mixrec.model.StoredModel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One refit, phase by phase: load every rating, hold a sample out, fit, evaluate on the
 * held-out sample, then in one transaction store the parameters, record the outcome, and
 * publish the model if it passes the quality gate and the active version is still the one
 * the run started from.
 */
@Component
class RefitJob {

	private static final Logger logger = LoggerFactory.getLogger(RefitJob.class);

	private final RatingLoader loader;

	private final ModelVersionRepository versions;

	private final ModelParametersRepository parameters;

	private final ModelActivation activation;

	private final WarmStart warmStart;

	private final RefitProperties properties;

	private final RefitMetrics metrics;

	private final TransactionTemplate transaction;

	RefitJob(RatingLoader loader, ModelVersionRepository versions, ModelParametersRepository parameters,
			ModelActivation activation, WarmStart warmStart, RefitProperties properties, RefitMetrics metrics,
			TransactionTemplate transaction) {
		this.loader = loader;
		this.versions = versions;
		this.parameters = parameters;
		this.activation = activation;
		this.warmStart = warmStart;
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
			RatingSplit split = (plan.holdoutFraction() > 0) ? RatingSplit.holdOut(loaded.matrix(),
					plan.holdoutFraction(), plan.holdoutMax(), plan.options().seed()) : null;
			RatingMatrix train = (split != null) ? split.train() : loaded.matrix();

			progress.phase("fit");
			long fitStarted = System.nanoTime();
			FitResult fit = fit(plan, progress, train, loaded);
			long fitNanos = System.nanoTime() - fitStarted;
			this.metrics.phase("fit", fitNanos);
			checkStop(progress);

			progress.phase("evaluate");
			long evaluateStarted = System.nanoTime();
			EvaluationResult holdout = (split != null && split.heldOut().ratings() > 0)
					? new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD,
							plan.options().threads(), this.properties.rankingUsers())
						.evaluate(new MixtureRecommender(fit, train), train, split.heldOut())
					: null;
			int[] clusterUsers = clusterUsers(fit.model(), train);
			long evaluateNanos = System.nanoTime() - evaluateStarted;
			this.metrics.phase("evaluate", evaluateNanos);
			checkStop(progress);

			progress.phase("persist");
			String rejection = gate(plan, holdout);
			Outcome outcome = persistAndPublish(plan, progress, loaded, fit, holdout, clusterUsers, rejection,
					new long[] { loaded.loadNanos(), fitNanos, evaluateNanos });
			this.metrics.outcome(outcome.status());
			logger.info("Refit {} {}: {} ratings, K={}, {} iterations, objective {}, holdout RMSE {}", version,
					outcome.status().code(), loaded.matrix().ratings(), fit.model().clusters(), fit.totalIterations(),
					fit.objective(), (holdout != null) ? holdout.rmse() : "n/a");
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

	private FitResult fit(RefitPlan plan, RefitProgress progress, RatingMatrix train, LoadedRatings loaded) {
		MixtureFitter fitter = new MixtureFitter(plan.options())
			.listener((restart, iteration, objective, elapsed) -> progress.iteration(iteration, objective))
			.cancelWhen(progress::stopRequested);
		if (plan.warmStartVersion() != null) {
			Optional<MixtureModel> initial = this.warmStart.initial(plan.warmStartVersion(), loaded.itemIds(),
					plan.options());
			if (initial.isPresent()) {
				return fitter.fit(train, initial.get());
			}
		}
		return fitter.fit(train);
	}

	/**
	 * @return why the gate rejects the new model, or null when it may activate
	 */
	private @Nullable String gate(RefitPlan plan, @Nullable EvaluationResult holdout) {
		if (holdout == null || plan.baseVersion() == null) {
			return null;
		}
		Optional<Double> activeRmse = this.versions.find(plan.baseVersion())
			.map(ModelVersion::outcome)
			.map(ModelVersion.Outcome::holdoutRmse);
		if (activeRmse.isEmpty()) {
			return null;
		}
		double limit = activeRmse.get() * (1 + this.properties.gateTolerance());
		if (holdout.rmse() > limit) {
			return String.format(java.util.Locale.ROOT,
					"holdout RMSE %.4f is worse than the active version %d's %.4f by more than %.1f %%", holdout.rmse(),
					plan.baseVersion(), activeRmse.get(), 100 * this.properties.gateTolerance());
		}
		return null;
	}

	private Outcome persistAndPublish(RefitPlan plan, RefitProgress progress, LoadedRatings loaded, FitResult fit,
			@Nullable EvaluationResult holdout, int[] clusterUsers, @Nullable String rejection, long[] nanos) {
		Outcome outcome = this.transaction.execute((status) -> {
			long persistStarted = System.nanoTime();
			this.parameters.save(plan.version(), new StoredModel(fit.model(), loaded.itemIds(), clusterUsers));
			long persistNanos = System.nanoTime() - persistStarted;
			ModelStatus result = (rejection != null) ? ModelStatus.REJECTED : ModelStatus.SUCCEEDED;
			ModelVersionRepository.FittedRun fitted = new ModelVersionRepository.FittedRun(fit.totalIterations(),
					fit.objectiveTrace(), fit.converged(), fit.objective(), fit.logLikelihood(), fit.bic(),
					(holdout != null) ? holdout.testRatings() : null, (holdout != null) ? holdout.rmse() : null,
					(holdout != null) ? holdout.mae() : null, (holdout != null) ? finite(holdout.ndcgAtN()) : null,
					loaded.matrix().users(), loaded.matrix().items(), loaded.matrix().ratings(), loaded.watermark(),
					millis(nanos[0]), millis(nanos[1]), millis(nanos[2]), millis(persistNanos), rejection);
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
				return new Outcome(ModelStatus.SUCCEEDED);
			}
			return new Outcome((result == ModelStatus.SUCCEEDED) ? ModelStatus.ACTIVE : result);
		});
		return (outcome != null) ? outcome : new Outcome(ModelStatus.FAILED);
	}

	/** Training users whose most probable cluster is j, per j. */
	private static int[] clusterUsers(MixtureModel model, RatingMatrix train) {
		int[] counts = new int[model.clusters()];
		for (int u = 0; u < train.users(); u++) {
			double[] posterior = model.foldIn(train, u).probabilities();
			int best = 0;
			for (int j = 1; j < posterior.length; j++) {
				if (posterior[j] > posterior[best]) {
					best = j;
				}
			}
			counts[best]++;
		}
		return counts;
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

	private record Outcome(ModelStatus status) {
	}

}
