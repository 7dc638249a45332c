package io.mixrec.refit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.mixrec.model.ModelStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The refit's state in {@code model_versions}: the lease (the running row and its
 * heartbeat), progress, cancel requests and each run's outcome. Every update of a run's
 * row requires the row to still be {@code running}: a runner whose lease was taken away
 * (its row marked failed) finds that it changed nothing and stops.
 */
@Repository
class RefitRunRepository {

	private final JdbcClient jdbc;

	RefitRunRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the version of the running refit, if any
	 */
	Optional<Long> runningVersion() {
		return this.jdbc.sql("select version from model_versions where status = 'running'")
			.query(Long.class)
			.optional();
	}

	/**
	 * Serialises the start of runs across instances until the end of the calling
	 * transaction.
	 */
	void lockRunStarts() {
		// an arbitrary constant that names the refit start lock among advisory locks
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(7243510183)) locked").query(Integer.class).single();
	}

	/**
	 * Inserts the row of a new run. The partial unique index on running rows makes this
	 * the cluster-wide lock: it fails with a duplicate key while another run is alive.
	 * @param start what the run is about
	 * @return the new version
	 */
	long insertRunning(RunStart start) {
		return this.jdbc.sql("""
				insert into model_versions (status, trigger, base_version, warm_start_version, options, seed, clusters,
				    owner)
				values ('running', ?, ?, ?, ?::jsonb, ?, ?, ?)
				returning version
				""")
			.params(Arrays.asList(start.trigger(), start.baseVersion(), start.warmStartVersion(), start.optionsJson(),
					start.seed(), start.clusters(), start.owner()))
			.query(Long.class)
			.single();
	}

	/**
	 * Marks running rows whose heartbeat is older than the lease as failed, which
	 * releases the refit lock of a crashed or stalled runner. A stale gate of a stored
	 * version ({@link CandidateGateRepository}) is put back instead: the version keeps
	 * its parameters and waits for a gate again.
	 * @param lease how long a runner may stay silent
	 * @return the number of rows marked
	 */
	int failStale(Duration lease) {
		double seconds = (double) lease.toMillis() / 1000;
		int released = this.jdbc.sql("""
				update model_versions
				set status = 'succeeded', phase = 'done', cancel_requested = false,
				    rejection_reason = 'the gate stopped sending heartbeats for longer than the lease of '
				        || ? || ' s (process died or stalled); POST /admin/models/' || version || '/gate runs it again'
				where status = 'running' and phase = 'gate' and heartbeat_at < now() - make_interval(secs => ?)
				""").params(lease.toSeconds(), seconds).update();
		return released + this.jdbc.sql("""
				update model_versions
				set status = 'failed', finished_at = now(),
				    error = 'the runner stopped sending heartbeats for longer than the lease of '
				        || ? || ' s (process died or stalled)'
				where status = 'running' and phase <> 'gate' and heartbeat_at < now() - make_interval(secs => ?)
				""").params(lease.toSeconds(), seconds).update();
	}

	/**
	 * Records progress and renews the lease.
	 * @param version the run
	 * @param phase its phase
	 * @param iterations E-steps so far
	 * @param trace objectives so far
	 * @param initialisation {@code cold} or {@code warm}
	 * @return whether cancel was requested, or empty when the row is no longer running
	 * (the lease was lost)
	 */
	Optional<Boolean> heartbeat(long version, String phase, int iterations, double[] trace, String initialisation) {
		return this.jdbc.sql("""
				update model_versions
				set heartbeat_at = now(), phase = ?, iterations = ?, objective_trace = ?::double precision[],
				    initialisation = ?
				where version = ? and status = 'running'
				returning cancel_requested
				""").params(phase, iterations, floats(trace), initialisation, version).query(Boolean.class).optional();
	}

	/**
	 * @param version a run
	 * @return true when the run was running and is now asked to cancel
	 */
	boolean requestCancel(long version) {
		return this.jdbc
			.sql("update model_versions set cancel_requested = true where version = ? and status = 'running'")
			.param(version)
			.update() == 1;
	}

	/**
	 * Ends a run that produced no model.
	 * @param version the run
	 * @param status {@link ModelStatus#FAILED} or {@link ModelStatus#CANCELLED}
	 * @param error what happened
	 * @return whether the row was still running
	 */
	boolean finishWithoutModel(long version, ModelStatus status, String error) {
		return this.jdbc.sql("""
				update model_versions set status = ?, error = ?, finished_at = now(), heartbeat_at = now()
				where version = ? and status = 'running'
				""").params(status.code(), error, version).update() == 1;
	}

	/**
	 * Stores a fitted run's outcome. Must run in the transaction that stores its
	 * parameters.
	 * @param version the run
	 * @param status {@link ModelStatus#SUCCEEDED} or {@link ModelStatus#REJECTED}
	 * @param fitted what to record
	 * @return whether the row was still running (false: the lease was lost, roll back)
	 */
	boolean finishWithModel(long version, ModelStatus status, FittedRun fitted) {
		return this.jdbc.sql("""
				update model_versions
				set status = ?, phase = 'done', finished_at = now(), heartbeat_at = now(), clusters = ?, iterations = ?,
				    objective_trace = ?::double precision[], converged = ?, objective = ?, log_likelihood = ?, bic = ?,
				    holdout_ratings = ?, holdout_rmse = ?, holdout_mae = ?, holdout_ndcg = ?, users = ?, items = ?,
				    ratings = ?, watermark = ?::pg_snapshot, load_ms = ?, fit_ms = ?, evaluate_ms = ?, persist_ms = ?,
				    rejection_reason = ?, selection = ?::jsonb, gate = ?::jsonb, gate_decision = ?, initialisation = ?
				where version = ? and status = 'running'
				""")
			.params(Arrays.asList(status.code(), fitted.clusters(), fitted.iterations(),
					floats(fitted.objectiveTrace()), fitted.converged(), fitted.objective(), fitted.logLikelihood(),
					finiteOrNull(fitted.bic()), fitted.holdoutRatings(), fitted.holdoutRmse(), fitted.holdoutMae(),
					fitted.holdoutNdcg(), fitted.users(), fitted.items(), fitted.ratings(), fitted.watermark(),
					fitted.loadMillis(), fitted.fitMillis(), fitted.evaluateMillis(), fitted.persistMillis(),
					fitted.rejectionReason(), fitted.selection(), fitted.gate(), fitted.gateDecision(),
					fitted.initialisation(), version))
			.update() == 1;
	}

	/**
	 * Explains why a fitted version did not become active.
	 * @param version the version
	 * @param reason the explanation
	 */
	void noteNotActivated(long version, String reason) {
		this.jdbc.sql("update model_versions set rejection_reason = ? where version = ?")
			.params(reason, version)
			.update();
	}

	/**
	 * @return the watermark of the newest version that recorded one (the data of the
	 * newest fitted version, whether it was activated or rejected), as text
	 */
	Optional<String> latestWatermark() {
		return this.jdbc
			.sql("select watermark::text from model_versions where watermark is not null order by version desc limit 1")
			.query(String.class)
			.optional();
	}

	private static @Nullable Double finiteOrNull(double value) {
		return Double.isFinite(value) ? value : null;
	}

	/**
	 * @return a {@code double precision[]} parameter; values that are not finite are
	 * stored as NaN
	 */
	static SqlArrayValue floats(double[] values) {
		Double[] boxed = new Double[values.length];
		for (int k = 0; k < values.length; k++) {
			boxed[k] = Double.isFinite(values[k]) ? values[k] : Double.NaN;
		}
		return new SqlArrayValue("float8", (Object[]) boxed);
	}

	/**
	 * What a new run records when it starts.
	 *
	 * @param trigger scheduled or admin
	 * @param baseVersion the active version now
	 * @param warmStartVersion the version to start from, if warm-starting
	 * @param optionsJson the fit options as JSON
	 * @param seed master seed
	 * @param clusters K
	 * @param owner this instance
	 */
	record RunStart(String trigger, @Nullable Long baseVersion, @Nullable Long warmStartVersion, String optionsJson,
			long seed, int clusters, String owner) {
	}

	/**
	 * What a fitted run records.
	 *
	 * @param clusters K of the fitted model (chosen by data or fixed)
	 * @param iterations E-steps
	 * @param objectiveTrace objective per E-step
	 * @param converged tolerance met
	 * @param objective final objective
	 * @param logLikelihood final log-likelihood
	 * @param bic BIC
	 * @param holdoutRatings held-out ratings (null when nothing was held out)
	 * @param holdoutRmse RMSE on them
	 * @param holdoutMae MAE on them
	 * @param holdoutNdcg NDCG@10 on sampled users
	 * @param users users fitted
	 * @param items items fitted
	 * @param ratings ratings read
	 * @param watermark snapshot the ratings were read in
	 * @param loadMillis load phase
	 * @param fitMillis fit phase
	 * @param evaluateMillis evaluate phase
	 * @param persistMillis persist phase
	 * @param rejectionReason why the gate rejected it, or null
	 * @param selection how K was chosen (JSON), or null for a fixed K
	 * @param gate the quality gate's figures and decision (JSON), or null without holdout
	 * @param gateDecision {@code activate} or {@code reject}, or null without holdout
	 * @param initialisation {@code cold} or {@code warm}
	 */
	record FittedRun(int clusters, int iterations, double[] objectiveTrace, boolean converged, double objective,
			double logLikelihood, double bic, @Nullable Integer holdoutRatings, @Nullable Double holdoutRmse,
			@Nullable Double holdoutMae, @Nullable Double holdoutNdcg, int users, int items, long ratings,
			String watermark, long loadMillis, long fitMillis, long evaluateMillis, long persistMillis,
			@Nullable String rejectionReason, @Nullable String selection, @Nullable String gate,
			@Nullable String gateDecision, String initialisation) {
	}

}
