package io.mixrec.model;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored model versions, as the other features see them: a version's row of
 * {@code model_versions} (what was fitted, how, and how it did) and its parameters. The
 * refit writes its run's part of the row itself ({@code refit.RefitRunRepository}); the
 * serving part ({@code active}, {@code retired}) changes only through
 * {@link ModelActivation}.
 */
@Component
public class ModelStore {

	private static final String COLUMNS = """
			version, status, trigger, base_version, warm_start_version, options::text as options, seed, clusters,
			phase, iterations, objective_trace, owner, heartbeat_at, cancel_requested, converged, objective,
			log_likelihood, bic, holdout_ratings, holdout_rmse, holdout_mae, holdout_ndcg, users, items, ratings,
			load_ms, fit_ms, evaluate_ms, persist_ms, error, rejection_reason, created_at, finished_at, activated_at,
			selection::text as selection, gate::text as gate, initialisation, gate_decision
			""";

	private static final RowMapper<ModelVersion> MAPPER = ModelStore::map;

	private final JdbcClient jdbc;

	private final ModelParametersRepository parameters;

	public ModelStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.parameters = new ModelParametersRepository(jdbc, json);
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
	List<ModelVersion> list(int limit, @Nullable Long before) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from model_versions where (?::bigint is null or version < ?) order by version desc limit ?")
			// params(List) binds null as SQL NULL; params(Object...) is declared non-null
			.params(Arrays.asList(before, before, limit))
			.query(MAPPER)
			.list();
	}

	/**
	 * Stores the parameters of a version; call inside the transaction that finishes the
	 * run.
	 * @param version the version
	 * @param stored the parameters
	 */
	public void save(long version, StoredModel stored) {
		this.parameters.save(version, stored);
	}

	/**
	 * @param version a version
	 * @return its parameters, or empty when it has none
	 */
	public Optional<StoredModel> load(long version) {
		return this.parameters.load(version);
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

}
