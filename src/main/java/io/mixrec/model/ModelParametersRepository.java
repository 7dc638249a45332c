package io.mixrec.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mixrec.em.Baseline;
import io.mixrec.em.EnsembleModel;
import io.mixrec.em.FittedModel;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.PackedArrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes and reads a model's parameters: K rows of {@code model_clusters} and one row of
 * packed arrays ({@link PackedArrays}) in {@code model_parameters}, plus for an ensemble
 * one row of {@code model_components} per part and restart. Item-level values are stored
 * as float32, per-cluster values as float64. Other features reach it through
 * {@link ModelStore}.
 */
class ModelParametersRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ModelParametersRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Stores the parameters of a version; call inside the transaction that finishes the
	 * run.
	 * @param version the version
	 * @param stored the parameters
	 */
	public void save(long version, StoredModel stored) {
		FittedModel model = stored.model();
		for (int j = 0; j < model.clusters(); j++) {
			this.jdbc
				.sql("insert into model_clusters (version, cluster, weight, variance, users) values (?, ?, ?, ?, ?)")
				.params(version, j, model.clusterWeight(j), model.clusterVariance(j), stored.clusterUsers()[j])
				.update();
		}
		if (model instanceof EnsembleModel ensemble) {
			saveEnsemble(version, ensemble, stored.itemKeys());
		}
		else {
			saveMixture(version, (MixtureModel) model, stored.itemKeys());
		}
	}

	private void saveMixture(long version, MixtureModel model, long[] itemKeys) {
		Baseline baseline = model.baseline();
		this.jdbc.sql("""
				insert into model_parameters (version, kind, clusters, items, global_mean, user_damping,
				    presence_weight, like_threshold, item_ids, item_bias, means, presence)
				values (?, 'mixture', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			// params(List) binds null as SQL NULL; params(Object...) is declared non-null
			.params(Arrays.asList(version, model.clusters(), model.items(), baseline.globalMean(),
					baseline.userDamping(), model.presenceWeight(), model.likeThreshold(),
					PackedArrays.packLongs(itemKeys), PackedArrays.packFloats(baseline.itemBias()),
					PackedArrays.packFloats(model.means()),
					model.hasPresence() ? PackedArrays.packFloats(model.presence()) : null))
			.update();
	}

	private void saveEnsemble(long version, EnsembleModel model, long[] itemKeys) {
		Baseline baseline = model.baseline();
		this.jdbc.sql("""
				insert into model_parameters (version, kind, clusters, items, global_mean, user_damping,
				    presence_weight, like_threshold, item_ids, item_bias, settings, item_counts)
				values (?, 'ensemble', ?, ?, ?, ?, 1, ?, ?, ?, ?::jsonb, ?)
				""")
			.params(version, model.clusters(), model.items(), baseline.globalMean(), baseline.userDamping(),
					model.settings().likeThreshold(), PackedArrays.packLongs(itemKeys),
					PackedArrays.packFloats(baseline.itemBias()), this.json.writeValueAsString(model.settings()),
					PackedArrays.packInts(model.itemCounts()))
			.update();
		List<EnsembleModel.UserMixture> users = model.userMixtures();
		for (int r = 0; r < users.size(); r++) {
			EnsembleModel.UserMixture part = users.get(r);
			insertComponent(version, "users", r, part.clusters(), PackedArrays.packDoubles(part.weights()),
					PackedArrays.packDoubles(part.variances()), PackedArrays.packFloats(part.means()),
					PackedArrays.packFloats(part.support()));
		}
		List<EnsembleModel.ItemMixture> items = model.itemMixtures();
		for (int r = 0; r < items.size(); r++) {
			insertComponent(version, "items", r, items.get(r).clusters(), null, null,
					PackedArrays.packFloats(items.get(r).membership()), null);
		}
		List<EnsembleModel.AspectMixture> aspects = model.aspectModels();
		for (int r = 0; r < aspects.size(); r++) {
			insertComponent(version, "aspects", r, aspects.get(r).clusters(), null, null,
					PackedArrays.packFloats(aspects.get(r).phi()), null);
		}
	}

	private void insertComponent(long version, String part, int restart, int clusters, byte @Nullable [] weights,
			byte @Nullable [] variances, byte[] values, byte @Nullable [] support) {
		this.jdbc.sql("""
				insert into model_components (version, part, restart, clusters, weights, variances, item_values,
				    item_support)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(Arrays.asList(version, part, restart, clusters, weights, variances, values, support))
			.update();
	}

	/**
	 * @param version a version
	 * @return its parameters, or empty when it has none
	 */
	public Optional<StoredModel> load(long version) {
		Optional<Row> row = this.jdbc.sql("""
				select kind, clusters, items, global_mean, user_damping, presence_weight, like_threshold, item_ids,
				       item_bias, means, presence, settings::text as settings, item_counts
				from model_parameters where version = ?
				""")
			.param(version)
			.query((rs, n) -> new Row(rs.getString("kind"), rs.getInt("clusters"), rs.getDouble("global_mean"),
					rs.getDouble("user_damping"), rs.getDouble("presence_weight"), rs.getDouble("like_threshold"),
					rs.getBytes("item_ids"), rs.getBytes("item_bias"), rs.getBytes("means"), rs.getBytes("presence"),
					rs.getString("settings"), rs.getBytes("item_counts")))
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
		Baseline baseline = new Baseline(r.globalMean(), PackedArrays.unpackFloats(r.itemBias()), r.userDamping());
		FittedModel model = r.kind().equals("ensemble") ? loadEnsemble(version, baseline, r)
				: MixtureModel.of(baseline, weights, variances, PackedArrays.unpackFloats(nonNull(r.means())),
						(r.presence() != null) ? PackedArrays.unpackFloats(r.presence()) : new double[0],
						r.presenceWeight(), r.likeThreshold());
		return Optional.of(new StoredModel(model, PackedArrays.unpackLongs(r.itemKeys()), users));
	}

	private EnsembleModel loadEnsemble(long version, Baseline baseline, Row r) {
		List<EnsembleModel.UserMixture> users = new ArrayList<>();
		List<EnsembleModel.ItemMixture> items = new ArrayList<>();
		List<EnsembleModel.AspectMixture> aspects = new ArrayList<>();
		this.jdbc.sql("""
				select part, clusters, weights, variances, item_values, item_support
				from model_components where version = ? order by part, restart
				""").param(version).query((rs) -> {
			int clusters = rs.getInt("clusters");
			double[] values = PackedArrays.unpackFloats(rs.getBytes("item_values"));
			switch (rs.getString("part")) {
				case "users" ->
					users.add(new EnsembleModel.UserMixture(PackedArrays.unpackDoubles(rs.getBytes("weights")),
							PackedArrays.unpackDoubles(rs.getBytes("variances")), values,
							PackedArrays.unpackFloats(rs.getBytes("item_support"))));
				case "items" -> items.add(new EnsembleModel.ItemMixture(clusters, values));
				default -> aspects.add(new EnsembleModel.AspectMixture(clusters, values));
			}
		});
		EnsembleModel.Settings settings = this.json.readValue(nonNull(r.settings()), EnsembleModel.Settings.class);
		return new EnsembleModel(baseline, PackedArrays.unpackInts(nonNull(r.itemCounts())), settings, users, items,
				aspects);
	}

	private static <T> T nonNull(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("a stored model lacks a column its kind needs");
		}
		return value;
	}

	private record Row(String kind, int clusters, double globalMean, double userDamping, double presenceWeight,
			double likeThreshold, byte[] itemKeys, byte[] itemBias, byte @Nullable [] means, byte @Nullable [] presence,
			@Nullable String settings, byte @Nullable [] itemCounts) {
	}

}
