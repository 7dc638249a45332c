package io.mixrec.model;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to {@code model_versions}. Every update of a run's row requires the row to
 * still be {@code running}: a runner whose lease was taken away (its row marked failed)
 * finds that it changed nothing and stops.
 */
@Repository
public class ModelVersionRepository {

	private static final String COLUMNS = """
			version, status, trigger, base_version, warm_start_version, options::text as options, seed, clusters,
			phase, iterations, objective_trace, owner, heartbeat_at, cancel_requested, converged, objective,
			log_likelihood, bic, holdout_ratings, holdout_rmse, holdout_mae, holdout_ndcg, users, items, ratings,
			load_ms, fit_ms, evaluate_ms, persist_ms, error, rejection_reason, created_at, finished_at, activated_at,
			selection::text as selection, gate::text as gate, initialisation, gate_decision
			""";

	private static final RowMapper<ModelVersion> MAPPER = ModelVersionRepository::map;

	private final JdbcClient jdbc;

	public ModelVersionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param version the id
	 * @return the row, if it exists
	 */
	public Optional<ModelVersion> find(long version) {
		return this.jdbc.sql("select " + COLUMNS + " from model_versions where version = ?")
			.param(version)
			.query(MAPPER)
			.optional();
	}

	/**
	 * @param limit at most this many rows
	 * @param before only versions below this one (paging); null for the newest
	 * @return rows, newest first
	 */
	public List<ModelVersion> list(int limit, @Nullable Long before) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from model_versions where (?::bigint is null or version < ?) order by version desc limit ?")
			// params(List) binds null as SQL NULL; params(Object...) is declared non-null
			.params(Arrays.asList(before, before, limit))
			.query(MAPPER)
			.list();
	}

	/**
	 * @return the version of the running refit, if any
	 */
	public Optional<Long> runningVersion() {
		return this.jdbc.sql("select version from model_versions where status = 'running'")
			.query(Long.class)
			.optional();
	}

	/**
	 * Serialises the start of runs across instances until the end of the calling
	 * transaction.
	 */
	public void lockRunStarts() {
		// an arbitrary constant that names the refit start lock among advisory locks
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(7243510183)) locked").query(Integer.class).single();
	}

	/**
	 * Inserts the row of a new run. The partial unique index on running rows makes this
	 * the cluster-wide lock: it fails with a duplicate key while another run is alive.
	 * @param start what the run is about
	 * @return the new version
	 */
	public long insertRunning(RunStart start) {
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
	 * releases the refit lock of a crashed or stalled runner.
	 * @param lease how long a runner may stay silent
	 * @return the number of rows marked
	 */
	public int failStale(Duration lease) {
		return this.jdbc.sql("""
				update model_versions
				set status = 'failed', finished_at = now(),
				    error = 'the runner stopped sending heartbeats for longer than the lease of '
				        || ? || ' s (process died or stalled)'
				where status = 'running' and heartbeat_at < now() - make_interval(secs => ?)
				""").params(lease.toSeconds(), (double) lease.toMillis() / 1000).update();
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
	public Optional<Boolean> heartbeat(long version, String phase, int iterations, double[] trace,
			String initialisation) {
		return this.jdbc.sql("""
				update model_versions
				set heartbeat_at = now(), phase = ?, iterations = ?, objective_trace = ?::double precision[],
				    initialisation = ?
				where version = ? and status = 'running'
				returning cancel_requested
				""")
			.params(phase, iterations, arrayLiteral(trace), initialisation, version)
			.query(Boolean.class)
			.optional();
	}

	/**
	 * @param version a run
	 * @return true when the run was running and is now asked to cancel
	 */
	public boolean requestCancel(long version) {
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
	public boolean finishWithoutModel(long version, ModelStatus status, String error) {
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
	public boolean finishWithModel(long version, ModelStatus status, FittedRun fitted) {
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
					arrayLiteral(fitted.objectiveTrace()), fitted.converged(), fitted.objective(),
					fitted.logLikelihood(), finiteOrNull(fitted.bic()), fitted.holdoutRatings(), fitted.holdoutRmse(),
					fitted.holdoutMae(), fitted.holdoutNdcg(), fitted.users(), fitted.items(), fitted.ratings(),
					fitted.watermark(), fitted.loadMillis(), fitted.fitMillis(), fitted.evaluateMillis(),
					fitted.persistMillis(), fitted.rejectionReason(), fitted.selection(), fitted.gate(),
					fitted.gateDecision(), fitted.initialisation(), version))
			.update() == 1;
	}

	/**
	 * Explains why a fitted version did not become active.
	 * @param version the version
	 * @param reason the explanation
	 */
	public void noteNotActivated(long version, String reason) {
		this.jdbc.sql("update model_versions set rejection_reason = ? where version = ?")
			.params(reason, version)
			.update();
	}

	/**
	 * @param version a version
	 * @return the watermark its ratings were read in, as text
	 */
	public Optional<String> watermark(long version) {
		return this.jdbc.sql("select watermark::text from model_versions where version = ? and watermark is not null")
			.param(version)
			.query(String.class)
			.optional();
	}

	private static @Nullable Double finiteOrNull(double value) {
		return Double.isFinite(value) ? value : null;
	}

	static String arrayLiteral(double[] values) {
		StringBuilder text = new StringBuilder(values.length * 20 + 2).append('{');
		for (int k = 0; k < values.length; k++) {
			if (k > 0) {
				text.append(',');
			}
			text.append(Double.isFinite(values[k]) ? Double.toString(values[k]) : "NaN");
		}
		return text.append('}').toString();
	}

	private static ModelVersion map(ResultSet rs, int row) throws SQLException {
		ModelVersion.Outcome outcome = new ModelVersion.Outcome(rs.getObject("converged", Boolean.class),
				rs.getObject("objective", Double.class), rs.getObject("log_likelihood", Double.class),
				rs.getObject("bic", Double.class), rs.getObject("holdout_ratings", Integer.class),
				rs.getObject("holdout_rmse", Double.class), rs.getObject("holdout_mae", Double.class),
				rs.getObject("holdout_ndcg", Double.class), rs.getObject("users", Integer.class),
				rs.getObject("items", Integer.class), rs.getObject("ratings", Long.class));
		ModelVersion.Timings timings = new ModelVersion.Timings(rs.getObject("load_ms", Long.class),
				rs.getObject("fit_ms", Long.class), rs.getObject("evaluate_ms", Long.class),
				rs.getObject("persist_ms", Long.class));
		return new ModelVersion(rs.getLong("version"), ModelStatus.fromCode(rs.getString("status")),
				rs.getString("trigger"), rs.getObject("base_version", Long.class),
				rs.getObject("warm_start_version", Long.class), rs.getString("options"), rs.getLong("seed"),
				rs.getInt("clusters"), rs.getString("phase"), rs.getInt("iterations"),
				doubles(rs.getArray("objective_trace")), rs.getString("owner"), instant(rs, "heartbeat_at"),
				rs.getBoolean("cancel_requested"), outcome, timings, rs.getString("error"),
				rs.getString("rejection_reason"), instant(rs, "created_at"), nullableInstant(rs, "finished_at"),
				nullableInstant(rs, "activated_at"), rs.getString("selection"), rs.getString("gate"),
				rs.getString("initialisation"), rs.getString("gate_decision"));
	}

	private static List<Double> doubles(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return Arrays.asList((Double[]) array.getArray());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
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
	public record RunStart(String trigger, @Nullable Long baseVersion, @Nullable Long warmStartVersion,
			String optionsJson, long seed, int clusters, String owner) {
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
	public record FittedRun(int clusters, int iterations, double[] objectiveTrace, boolean converged, double objective,
			double logLikelihood, double bic, @Nullable Integer holdoutRatings, @Nullable Double holdoutRmse,
			@Nullable Double holdoutMae, @Nullable Double holdoutNdcg, int users, int items, long ratings,
			String watermark, long loadMillis, long fitMillis, long evaluateMillis, long persistMillis,
			@Nullable String rejectionReason, @Nullable String selection, @Nullable String gate,
			@Nullable String gateDecision, String initialisation) {
	}

}
