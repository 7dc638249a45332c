package io.mixrec.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import io.mixrec.em.Baseline;
import io.mixrec.em.MixtureModel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes and reads a model's parameters: K rows of {@code model_clusters} and one row of
 * packed little-endian arrays in {@code model_parameters}. Item-level values are stored
 * as float32, which is all the precision a rating prediction needs and halves the size.
 */
@Repository
public class ModelParametersRepository {

	private final JdbcClient jdbc;

	public ModelParametersRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the parameters of a version; call inside the transaction that finishes the
	 * run.
	 * @param version the version
	 * @param stored the parameters
	 */
	public void save(long version, StoredModel stored) {
		MixtureModel model = stored.model();
		int k = model.clusters();
		for (int j = 0; j < k; j++) {
			this.jdbc
				.sql("insert into model_clusters (version, cluster, weight, variance, users) values (?, ?, ?, ?, ?)")
				.params(version, j, model.weight(j), model.variance(j), stored.clusterUsers()[j])
				.update();
		}
		Baseline baseline = model.baseline();
		this.jdbc.sql("""
				insert into model_parameters (version, clusters, items, global_mean, user_damping, presence_weight,
				    like_threshold, item_ids, item_bias, means, presence)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(version, k, model.items(), baseline.globalMean(), baseline.userDamping(), model.presenceWeight(),
					model.likeThreshold(), packLongs(stored.itemIds()), packFloats(baseline.itemBias()),
					packFloats(model.means()), model.hasPresence() ? packFloats(model.presence()) : null)
			.update();
	}

	/**
	 * @param version a version
	 * @return its parameters, or empty when it has none
	 */
	public Optional<StoredModel> load(long version) {
		Optional<Row> row = this.jdbc.sql("""
				select clusters, items, global_mean, user_damping, presence_weight, like_threshold, item_ids,
				       item_bias, means, presence
				from model_parameters where version = ?
				""")
			.param(version)
			.query((rs, n) -> new Row(rs.getInt("clusters"), rs.getInt("items"), rs.getDouble("global_mean"),
					rs.getDouble("user_damping"), rs.getDouble("presence_weight"), rs.getDouble("like_threshold"),
					rs.getBytes("item_ids"), rs.getBytes("item_bias"), rs.getBytes("means"), rs.getBytes("presence")))
			.optional();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		Row r = row.get();
		double[] weights = new double[r.clusters()];
		double[] variances = new double[r.clusters()];
		int[] users = new int[r.clusters()];
		this.jdbc.sql("select cluster, weight, variance, users from model_clusters where version = ? order by cluster")
			.param(version)
			.query((rs) -> {
				int j = rs.getInt("cluster");
				weights[j] = rs.getDouble("weight");
				variances[j] = rs.getDouble("variance");
				users[j] = rs.getInt("users");
			});
		Baseline baseline = new Baseline(r.globalMean(), unpackFloats(r.itemBias()), r.userDamping());
		double[] presence = (r.presence() != null) ? unpackFloats(r.presence()) : new double[0];
		MixtureModel model = MixtureModel.of(baseline, weights, variances, unpackFloats(r.means()), presence,
				r.presenceWeight(), r.likeThreshold());
		return Optional.of(new StoredModel(model, unpackLongs(r.itemIds()), users));
	}

	static byte[] packFloats(double[] values) {
		ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (double v : values) {
			buffer.putFloat((float) v);
		}
		return buffer.array();
	}

	static double[] unpackFloats(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		double[] values = new double[bytes.length / 4];
		for (int k = 0; k < values.length; k++) {
			values[k] = buffer.getFloat();
		}
		return values;
	}

	static byte[] packLongs(long[] values) {
		ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (long v : values) {
			buffer.putLong(v);
		}
		return buffer.array();
	}

	static long[] unpackLongs(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		long[] values = new long[bytes.length / 8];
		for (int k = 0; k < values.length; k++) {
			values[k] = buffer.getLong();
		}
		return values;
	}

	private record Row(int clusters, int items, double globalMean, double userDamping, double presenceWeight,
			double likeThreshold, byte[] itemIds, byte[] itemBias, byte[] means,
			byte @org.jspecify.annotations.Nullable [] presence) {
	}

}
