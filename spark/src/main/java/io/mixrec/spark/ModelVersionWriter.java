package io.mixrec.spark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import io.mixrec.em.Baseline;
import io.mixrec.em.EnsembleModel;
import io.mixrec.em.FittedModel;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.PackedArrays;
import io.mixrec.em.eval.EvaluationResult;

/**
 * Writes a fitted model as a new version in the service's tables, the rows an in-process
 * refit writes ({@code ModelParametersRepository}, {@code ModelVersionRepository}): the
 * version row (trigger {@code spark}), K rows of {@code model_clusters}, one row of
 * packed arrays ({@link PackedArrays}) in {@code model_parameters}, and for the ensemble
 * its parts' rows ({@link EnsembleRows}). All in one transaction, so no half-written
 * version is ever visible. The version is {@code succeeded}, not active: the service
 * gates it (automatically, or {@code POST /admin/models/{v}/gate}) against the active
 * version on the pairs the options' {@code holdoutProbability} held out, or an admin
 * activates it ({@code POST /admin/models/{v}/activate}).
 *
 * <p>
 * The row is inserted as {@code running} and finished in the same transaction, so it
 * takes the refit lock (the partial unique index on running rows) only for the moment of
 * the write: if an in-process refit runs then, the write fails and changes nothing.
 */
final class ModelVersionWriter {

	private ModelVersionWriter() {
	}

	/**
	 * @param connection the service's database
	 * @param fitted what to write
	 * @return the new version
	 * @throws SQLException when the write fails; nothing is written then
	 */
	static long write(Connection connection, FittedVersion fitted) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			long version = insert(connection, fitted);
			FittedModel model = fitted.model();
			try (PreparedStatement clusters = connection.prepareStatement(
					"insert into model_clusters (version, cluster, weight, variance, users) values (?, ?, ?, ?, ?)")) {
				for (int j = 0; j < model.clusters(); j++) {
					clusters.setLong(1, version);
					clusters.setInt(2, j);
					clusters.setDouble(3, model.clusterWeight(j));
					clusters.setDouble(4, model.clusterVariance(j));
					clusters.setInt(5, fitted.clusterUsers()[j]);
					clusters.addBatch();
				}
				clusters.executeBatch();
			}
			if (model instanceof EnsembleModel ensemble) {
				EnsembleRows.write(connection, version, ensemble, fitted.itemIds());
			}
			else {
				mixture(connection, version, (MixtureModel) model, fitted.itemIds());
			}
			finish(connection, version, fitted);
			connection.commit();
			return version;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private static void mixture(Connection connection, long version, MixtureModel model, long[] itemIds)
			throws SQLException {
		Baseline baseline = model.baseline();
		try (PreparedStatement parameters = connection.prepareStatement("""
				insert into model_parameters (version, kind, clusters, items, global_mean, user_damping,
				    presence_weight, like_threshold, item_ids, item_bias, means, presence)
				values (?, 'mixture', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")) {
			parameters.setLong(1, version);
			parameters.setInt(2, model.clusters());
			parameters.setInt(3, model.items());
			parameters.setDouble(4, baseline.globalMean());
			parameters.setDouble(5, baseline.userDamping());
			parameters.setDouble(6, model.presenceWeight());
			parameters.setDouble(7, model.likeThreshold());
			parameters.setBytes(8, PackedArrays.packLongs(itemIds));
			parameters.setBytes(9, PackedArrays.packFloats(baseline.itemBias()));
			parameters.setBytes(10, PackedArrays.packFloats(model.means()));
			if (model.hasPresence()) {
				parameters.setBytes(11, PackedArrays.packFloats(model.presence()));
			}
			else {
				parameters.setNull(11, Types.BINARY);
			}
			parameters.executeUpdate();
		}
	}

	private static long insert(Connection connection, FittedVersion fitted) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into model_versions (status, trigger, base_version, options, seed, clusters, owner, phase)
				values ('running', 'spark', (select version from active_model), ?::jsonb, ?, ?, ?, 'persist')
				returning version
				""")) {
			insert.setString(1, fitted.optionsJson());
			insert.setLong(2, fitted.seed());
			insert.setInt(3, fitted.model().clusters());
			insert.setString(4, fitted.owner());
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			if ("23505".equals(ex.getSQLState())) {
				throw new SQLException("a refit is running in the service; write the Spark fit again when it ends",
						ex.getSQLState(), ex);
			}
			throw ex;
		}
	}

	private static void finish(Connection connection, long version, FittedVersion fitted) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("""
				update model_versions
				set status = 'succeeded', phase = 'done', finished_at = now(), heartbeat_at = now(), iterations = ?,
				    objective_trace = ?, converged = ?, objective = ?, log_likelihood = ?, bic = ?, users = ?,
				    items = ?, ratings = ?, watermark = ?::pg_snapshot, load_ms = ?, fit_ms = ?, evaluate_ms = ?,
				    persist_ms = 0, holdout_ratings = ?, holdout_rmse = ?, holdout_mae = ?, holdout_ndcg = ?
				where version = ? and status = 'running'
				""")) {
			Double[] trace = new Double[fitted.trace().length];
			for (int t = 0; t < trace.length; t++) {
				trace[t] = fitted.trace()[t];
			}
			Array array = connection.createArrayOf("float8", trace);
			update.setInt(1, fitted.iterations());
			update.setArray(2, array);
			update.setBoolean(3, fitted.converged());
			update.setDouble(4, fitted.objective());
			update.setDouble(5, fitted.logLikelihood());
			finiteOrNull(update, 6, fitted.bic());
			update.setInt(7, fitted.users());
			update.setInt(8, fitted.model().items());
			update.setLong(9, fitted.ratings());
			update.setString(10, fitted.watermark());
			update.setLong(11, fitted.loadMillis());
			update.setLong(12, fitted.fitMillis());
			update.setLong(13, fitted.evaluateMillis());
			EvaluationResult holdout = fitted.holdout();
			if (holdout != null) {
				update.setInt(14, holdout.testRatings());
				update.setDouble(15, holdout.rmse());
				update.setDouble(16, holdout.mae());
				finiteOrNull(update, 17, holdout.ndcgAtN());
			}
			else {
				for (int column = 14; column <= 17; column++) {
					update.setNull(column, (column == 14) ? Types.INTEGER : Types.DOUBLE);
				}
			}
			update.setLong(18, version);
			if (update.executeUpdate() != 1) {
				throw new SQLException("version " + version + " stopped running while it was written");
			}
		}
	}

	/** NaN (BIC of the ensemble, NDCG without ranked users) is stored as null. */
	private static void finiteOrNull(PreparedStatement statement, int index, double value) throws SQLException {
		if (Double.isFinite(value)) {
			statement.setDouble(index, value);
		}
		else {
			statement.setNull(index, Types.DOUBLE);
		}
	}

	/**
	 * What a Spark fit records.
	 *
	 * @param model the fitted model: the ensemble or a mixture
	 * @param itemIds {@code items.id} of every column
	 * @param clusterUsers users per most probable cluster
	 * @param optionsJson the options, as an in-process refit records them
	 * @param seed master seed
	 * @param owner who wrote it ({@code spark:<application id>})
	 * @param iterations E-steps over every restart
	 * @param trace objective per E-step of the best restart
	 * @param converged whether it met the tolerance
	 * @param objective the final objective
	 * @param logLikelihood the final log-likelihood
	 * @param bic BIC
	 * @param users users fitted
	 * @param ratings ratings fitted
	 * @param watermark the snapshot before the read, or null for a file
	 * @param holdout the figures on the held-out ratings, or null without a holdout
	 * @param loadMillis reading and partitioning
	 * @param fitMillis EM
	 * @param evaluateMillis the holdout's evaluation
	 */
	record FittedVersion(FittedModel model, long[] itemIds, int[] clusterUsers, String optionsJson, long seed,
			String owner, int iterations, double[] trace, boolean converged, double objective, double logLikelihood,
			double bic, int users, long ratings, String watermark, EvaluationResult holdout, long loadMillis,
			long fitMillis, long evaluateMillis) {
	}

}
