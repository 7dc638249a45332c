package io.mixrec.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mixrec.model.ModelVersion;
import org.jspecify.annotations.Nullable;

/**
 * A refit run as the admin API shows it.
 *
 * @param id the run (and model version) id
 * @param status running, succeeded, failed, cancelled, rejected, active or retired
 * @param trigger scheduled or admin
 * @param phase current or last phase
 * @param iterations EM iterations so far
 * @param objectiveTrace objective after each iteration so far
 * @param elapsedSeconds time since start (until the end once finished)
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param heartbeatAt the runner's last sign of life
 * @param cancelRequested whether a cancel was requested
 * @param baseVersion the version active when it started
 * @param error why it failed
 * @param rejectionReason why it was rejected or not activated
 * @param model the model version's link
 */
public record RefitView(long id, String status, String trigger, String phase, int iterations,
		List<Double> objectiveTrace, double elapsedSeconds, Instant startedAt, @Nullable Instant finishedAt,
		Instant heartbeatAt, boolean cancelRequested, @Nullable Long baseVersion, @Nullable String error,
		@Nullable String rejectionReason, String model) {

	static RefitView of(ModelVersion v) {
		Instant end = (v.finishedAt() != null) ? v.finishedAt() : Instant.now();
		return new RefitView(v.version(), v.status().code(), v.trigger(), v.phase(), v.iterations(), v.objectiveTrace(),
				Duration.between(v.createdAt(), end).toMillis() / 1000.0, v.createdAt(), v.finishedAt(),
				v.heartbeatAt(), v.cancelRequested(), v.baseVersion(), v.error(), v.rejectionReason(),
				"/admin/models/" + v.version());
	}

}
