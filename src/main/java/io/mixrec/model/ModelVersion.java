package io.mixrec.model;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code model_versions}: a refit run and the model it produced.
 *
 * @param version the id, shared by the run and its model
 * @param status where it stands
 * @param trigger {@code scheduled} or {@code admin}
 * @param baseVersion the version active when the run started
 * @param warmStartVersion the version the fit started from, if warm-started
 * @param options the options of the fit, as JSON text
 * @param seed the master seed
 * @param clusters K
 * @param phase current or last phase (queued, load, fit, evaluate, persist, publish,
 * done)
 * @param iterations E-steps so far
 * @param objectiveTrace objective after each E-step so far
 * @param owner the instance that runs or ran it
 * @param heartbeatAt the runner's last sign of life
 * @param cancelRequested whether a cancel was requested
 * @param outcome metrics and counts, once fitted
 * @param timings duration of each phase in milliseconds, once known
 * @param error why it failed
 * @param rejectionReason why the gate rejected it
 * @param createdAt when the run started
 * @param finishedAt when it ended
 * @param activatedAt when it last became active
 * @param selection how K was chosen, as JSON text; null for a fixed K
 * @param gate the quality gate's figures and decision, as JSON text; null without holdout
 * @param initialisation {@code cold}, or {@code warm} when the fit started from
 * {@code warmStartVersion}'s parameters
 * @param gateDecision the quality gate's verdict, {@code activate} or {@code reject};
 * null while running or without holdout
 */
public record ModelVersion(long version, ModelStatus status, String trigger, @Nullable Long baseVersion,
		@Nullable Long warmStartVersion, String options, long seed, int clusters, String phase, int iterations,
		List<Double> objectiveTrace, String owner, Instant heartbeatAt, boolean cancelRequested, Outcome outcome,
		Timings timings, @Nullable String error, @Nullable String rejectionReason, Instant createdAt,
		@Nullable Instant finishedAt, @Nullable Instant activatedAt, @Nullable String selection, @Nullable String gate,
		String initialisation, @Nullable String gateDecision) {

	/**
	 * What the fit and its evaluation produced; all null until then.
	 *
	 * @param converged whether the tolerance was met
	 * @param objective final penalised objective
	 * @param logLikelihood final log-likelihood without prior
	 * @param bic Bayesian information criterion (lower is better)
	 * @param holdoutRatings held-out ratings evaluated
	 * @param holdoutRmse RMSE on them
	 * @param holdoutMae MAE on them
	 * @param holdoutNdcg NDCG@10 on a sample of held-out users
	 * @param users users fitted
	 * @param items items fitted
	 * @param ratings ratings read
	 */
	public record Outcome(@Nullable Boolean converged, @Nullable Double objective, @Nullable Double logLikelihood,
			@Nullable Double bic, @Nullable Integer holdoutRatings, @Nullable Double holdoutRmse,
			@Nullable Double holdoutMae, @Nullable Double holdoutNdcg, @Nullable Integer users, @Nullable Integer items,
			@Nullable Long ratings) {
	}

	/**
	 * Duration of each phase, in milliseconds.
	 *
	 * @param load reading the ratings
	 * @param fit EM
	 * @param evaluate holdout metrics
	 * @param persist writing the parameters
	 */
	public record Timings(@Nullable Long load, @Nullable Long fit, @Nullable Long evaluate, @Nullable Long persist) {
	}

}
