package io.mixrec.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mixrec.model.ModelVersion;
import org.jspecify.annotations.Nullable;

/**
 * A refit run as the admin API shows it.
 *
 * @param id the run (and model version) id
 * @param status running, succeeded, failed, cancelled, rejected, active or retired
 * @param trigger scheduled or admin
 * @param phase current or last phase
 * @param iterations E-steps so far (once finished, over every restart and, for the
 * ensemble, every part)
 * @param objectiveTrace objective after each E-step of the final fit so far (for the
 * ensemble, of its first user-mixture restart)
 * @param elapsedSeconds time since start (until the end once finished)
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param heartbeatAt the runner's last sign of life
 * @param cancelRequested whether a cancel was requested
 * @param baseVersion the version active when it started
 * @param error why it failed
 * @param rejectionReason why it was rejected or not activated
 * @param model the model version's link
 * @param note in the answer to a start with options: they apply to this run only
 */
public record RefitView(long id, String status, String trigger, String phase, int iterations,
		List<Double> objectiveTrace, double elapsedSeconds, Instant startedAt, @Nullable Instant finishedAt,
		Instant heartbeatAt, boolean cancelRequested, @Nullable Long baseVersion, @Nullable String error,
		@Nullable String rejectionReason, String model,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String note) {

	static RefitView of(ModelVersion v) {
		Instant end = (v.finishedAt() != null) ? v.finishedAt() : Instant.now();
		return new RefitView(v.version(), v.status().code(), v.trigger(), v.phase(), v.iterations(), v.objectiveTrace(),
				Duration.between(v.createdAt(), end).toMillis() / 1000.0, v.createdAt(), v.finishedAt(),
				v.heartbeatAt(), v.cancelRequested(), v.baseVersion(), v.error(), v.rejectionReason(),
				"/admin/models/" + v.version(), null);
	}

	/**
	 * @param note what the client should know about this run
	 * @return this view with the note
	 */
	RefitView withNote(String note) {
		return new RefitView(this.id, this.status, this.trigger, this.phase, this.iterations, this.objectiveTrace,
				this.elapsedSeconds, this.startedAt, this.finishedAt, this.heartbeatAt, this.cancelRequested,
				this.baseVersion, this.error, this.rejectionReason, this.model, note);
	}

}
