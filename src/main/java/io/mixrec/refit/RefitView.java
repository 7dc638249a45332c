package io.mixrec.refit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mixrec.model.ModelVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A refit run as the admin API shows it.
 *
 * @param id the run (and model version) id
 * @param status running, succeeded, failed, cancelled, rejected, active or retired
 * @param trigger scheduled, admin, or spark (a version the Spark job wrote)
 * @param options the fit options it runs with (JSON)
 * @param initialisation {@code cold}, or {@code warm} when the fit started from
 * {@code warmStartVersion}'s parameters
 * @param warmStartVersion the version a warm start was asked from
 * @param phase current or last phase
 * @param fitting while running on the instance that answers: the fit the trace follows
 * (for the ensemble its part and restart, else the restart or candidate K); null
 * otherwise
 * @param iterations E-steps so far (once finished, over every restart and, for the
 * ensemble, every part)
 * @param objective the objective after the latest E-step of {@code objectiveTrace}
 * @param objectiveTrace objective after each E-step: while it runs, of the fit that runs
 * now ({@code fitting}; from memory on the instance that runs it, from the row, written
 * every {@code mixrec.refit.progress-interval}, elsewhere); once finished, of the final
 * fit (for the ensemble, of its first user-mixture restart)
 * @param elapsedSeconds time since start (until the end once finished)
 * @param etaSeconds while running: the duration of the newest finished refit that fitted
 * a model minus the time elapsed (at least 0); null when there is none
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param heartbeatAt the runner's last sign of life
 * @param cancelRequested whether a cancel was requested
 * @param baseVersion the version active when it started
 * @param gateDecision the quality gate's verdict ({@code activate}, {@code reject}); null
 * while running or without holdout
 * @param error why it failed
 * @param rejectionReason why it was rejected or not activated
 * @param model the model version's link
 * @param note in the answer to a start with options: they apply to this run only
 */
public record RefitView(long id, String status, String trigger, JsonNode options, String initialisation,
		@Nullable Long warmStartVersion, String phase, @Nullable String fitting, int iterations,
		@Nullable Double objective, List<Double> objectiveTrace, double elapsedSeconds, @Nullable Double etaSeconds,
		Instant startedAt, @Nullable Instant finishedAt, Instant heartbeatAt, boolean cancelRequested,
		@Nullable Long baseVersion, @Nullable String gateDecision, @Nullable String error,
		@Nullable String rejectionReason, String model,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String note) {

	/**
	 * @param v the run's row
	 * @param options its options, parsed
	 * @param live its progress in memory, when this instance runs it
	 * @param typicalSeconds the duration of the newest finished refit, if any
	 * @return the view
	 */
	static RefitView of(ModelVersion v, JsonNode options, @Nullable LiveRefit live, @Nullable Double typicalSeconds) {
		boolean running = v.status().code().equals("running");
		Instant end = (v.finishedAt() != null) ? v.finishedAt() : Instant.now();
		double elapsed = Duration.between(v.createdAt(), end).toMillis() / 1000.0;
		String phase = v.phase();
		String fitting = null;
		List<Double> trace = v.objectiveTrace();
		String initialisation = v.initialisation();
		int iterations = v.iterations();
		if (running && live != null) {
			phase = live.phase();
			fitting = live.fitting().isEmpty() ? null : live.fitting();
			trace = Arrays.stream(live.objectiveTrace()).boxed().toList();
			iterations = live.iterations();
			initialisation = live.initialisation();
		}
		Double eta = (running && typicalSeconds != null) ? Math.max(0, typicalSeconds - elapsed) : null;
		Double objective = trace.isEmpty() ? null : trace.get(trace.size() - 1);
		return new RefitView(v.version(), v.status().code(), v.trigger(), options, initialisation, v.warmStartVersion(),
				phase, fitting, iterations, objective, trace, elapsed, eta, v.createdAt(), v.finishedAt(),
				v.heartbeatAt(), v.cancelRequested(), v.baseVersion(), v.gateDecision(), v.error(), v.rejectionReason(),
				"/admin/models/" + v.version(), null);
	}

	/**
	 * @param note what the client should know about this run
	 * @return this view with the note
	 */
	RefitView withNote(String note) {
		return new RefitView(this.id, this.status, this.trigger, this.options, this.initialisation,
				this.warmStartVersion, this.phase, this.fitting, this.iterations, this.objective, this.objectiveTrace,
				this.elapsedSeconds, this.etaSeconds, this.startedAt, this.finishedAt, this.heartbeatAt,
				this.cancelRequested, this.baseVersion, this.gateDecision, this.error, this.rejectionReason, this.model,
				note);
	}

}
