package io.mixrec.model;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A model version as the admin API shows it: what it was fitted with and on, how good it
 * is, how long each phase took, and (in the detail view) its clusters.
 *
 * @param version the version
 * @param status where it stands
 * @param trigger scheduled, admin, or spark (a version the Spark job wrote)
 * @param clusters K (of the user mixture whose clusters explain users)
 * @param seed master seed
 * @param options the fit options (JSON)
 * @param iterations EM iterations
 * @param converged whether the tolerance was met
 * @param objective final penalised objective
 * @param bic BIC
 * @param holdout holdout metrics
 * @param data what it was fitted on
 * @param timingsMillis duration per phase
 * @param createdAt when the run started
 * @param finishedAt when it ended
 * @param activatedAt when it last became active
 * @param error why the run failed
 * @param rejectionReason why it was rejected or not activated
 * @param selection how K (and for the ensemble the restarts and the variance scale) was
 * chosen: every candidate's validation score and the choice; null for a fixed K
 * @param gate the quality gate on the holdout: the candidate's, the active model's and
 * the baselines' figures, the decision and its reasons; kept as decided whatever
 * activations follow
 * @param initialisation {@code cold}, or {@code warm} when the fit started from
 * {@code warmStartVersion}'s parameters
 * @param warmStartVersion the version a warm start was asked from
 * @param gateDecision the quality gate's verdict ({@code activate}, {@code reject}); null
 * while running or without holdout
 * @param clusterDetails per-cluster weight, variance, size and characteristic items
 * (detail view only)
 */
public record ModelView(long version, String status, String trigger, int clusters, long seed,
		tools.jackson.databind.JsonNode options, int iterations, @Nullable Boolean converged,
		@Nullable Double objective, @Nullable Double bic, Holdout holdout, Data data,
		ModelVersion.Timings timingsMillis, Instant createdAt, @Nullable Instant finishedAt,
		@Nullable Instant activatedAt, @Nullable String error, @Nullable String rejectionReason,
		tools.jackson.databind.@Nullable JsonNode selection, tools.jackson.databind.@Nullable JsonNode gate,
		String initialisation, @Nullable Long warmStartVersion, @Nullable String gateDecision,
		@Nullable List<ClusterProfile> clusterDetails) {

	/**
	 * Holdout metrics (null when nothing was held out).
	 *
	 * @param ratings held-out ratings
	 * @param rmse RMSE
	 * @param mae MAE
	 * @param ndcgAt10 NDCG@10 over a sample of held-out users
	 */
	public record Holdout(@Nullable Integer ratings, @Nullable Double rmse, @Nullable Double mae,
			@Nullable Double ndcgAt10) {
	}

	/**
	 * The data a version was fitted on.
	 *
	 * @param users users with ratings
	 * @param items items with ratings
	 * @param ratings ratings read
	 */
	public record Data(@Nullable Integer users, @Nullable Integer items, @Nullable Long ratings) {
	}

}
