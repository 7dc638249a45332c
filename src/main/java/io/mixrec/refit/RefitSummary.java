package io.mixrec.refit;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One run of the refit history.
 *
 * @param id the run (and model version) id
 * @param status running, succeeded, failed, cancelled, rejected, active or retired
 * @param trigger scheduled, admin, or spark (a version the Spark job wrote)
 * @param options the fit options (JSON)
 * @param initialisation {@code cold}, or {@code warm} when the fit started from
 * {@code warmStartVersion}'s parameters
 * @param warmStartVersion the version a warm start was asked from
 * @param clusters K (of the user mixture whose clusters explain users; 0 while K is being
 * chosen)
 * @param phase current or last phase
 * @param iterations E-steps (as last recorded while running)
 * @param durationSeconds from start to end, or to now while running
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param activatedAt when its model last became active
 * @param gateDecision the quality gate's verdict ({@code activate}, {@code reject}); null
 * while running or without holdout
 * @param reason why it was rejected, not activated, or failed
 * @param holdoutRmse RMSE on the held-out ratings
 * @param holdoutNdcgAt10 NDCG@10 on a sample of held-out users
 * @param cancelRequested whether a cancel was requested
 */
public record RefitSummary(long id, String status, String trigger, JsonNode options, String initialisation,
		@Nullable Long warmStartVersion, int clusters, String phase, int iterations, double durationSeconds,
		Instant startedAt, @Nullable Instant finishedAt, @Nullable Instant activatedAt, @Nullable String gateDecision,
		@Nullable String reason, @Nullable Double holdoutRmse, @Nullable Double holdoutNdcgAt10,
		boolean cancelRequested) {

	static RefitSummary of(RefitRun run, JsonNode options) {
		Instant end = (run.getFinishedAt() != null) ? run.getFinishedAt() : Instant.now();
		String reason = (run.getRejectionReason() != null) ? run.getRejectionReason() : run.getError();
		return new RefitSummary(run.getVersion(), run.getStatus(), run.getTrigger(), options, run.getInitialisation(),
				run.getWarmStartVersion(), run.getClusters(), run.getPhase(), run.getIterations(),
				Duration.between(run.getCreatedAt(), end).toMillis() / 1000.0, run.getCreatedAt(), run.getFinishedAt(),
				run.getActivatedAt(), run.getGateDecision(), reason, run.getHoldoutRmse(), run.getHoldoutNdcgAt10(),
				run.isCancelRequested());
	}

}
