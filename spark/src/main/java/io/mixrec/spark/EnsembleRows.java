package io.mixrec.spark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixrec.em.Baseline;
import io.mixrec.em.EnsembleModel;
import io.mixrec.em.PackedArrays;

/**
 * The ensemble's rows, as the service's {@code ModelParametersRepository} writes them:
 * one {@code model_parameters} row of kind {@code ensemble} (biases, item counts, the
 * settings as JSON) and one {@code model_components} row per part and restart. Called
 * inside {@link ModelVersionWriter}'s transaction.
 */
final class EnsembleRows {

	private EnsembleRows() {
	}

	static void write(Connection connection, long version, EnsembleModel model, long[] itemIds) throws SQLException {
		Baseline baseline = model.baseline();
		try (PreparedStatement parameters = connection.prepareStatement("""
				insert into model_parameters (version, kind, clusters, items, global_mean, user_damping,
				    presence_weight, like_threshold, item_ids, item_bias, settings, item_counts)
				values (?, 'ensemble', ?, ?, ?, ?, 1, ?, ?, ?, ?::jsonb, ?)
				""")) {
			parameters.setLong(1, version);
			parameters.setInt(2, model.clusters());
			parameters.setInt(3, model.items());
			parameters.setDouble(4, baseline.globalMean());
			parameters.setDouble(5, baseline.userDamping());
			parameters.setDouble(6, model.settings().likeThreshold());
			parameters.setBytes(7, PackedArrays.packLongs(itemIds));
			parameters.setBytes(8, PackedArrays.packFloats(baseline.itemBias()));
			parameters.setString(9, json(model.settings()));
			parameters.setBytes(10, PackedArrays.packInts(model.itemCounts()));
			parameters.executeUpdate();
		}
		try (PreparedStatement component = connection.prepareStatement("""
				insert into model_components (version, part, restart, clusters, weights, variances, item_values,
				    item_support)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""")) {
			List<EnsembleModel.UserMixture> users = model.userMixtures();
			for (int r = 0; r < users.size(); r++) {
				EnsembleModel.UserMixture part = users.get(r);
				add(component, version, "users", r, part.clusters(), PackedArrays.packDoubles(part.weights()),
						PackedArrays.packDoubles(part.variances()), PackedArrays.packFloats(part.means()),
						PackedArrays.packFloats(part.support()));
			}
			List<EnsembleModel.ItemMixture> items = model.itemMixtures();
			for (int r = 0; r < items.size(); r++) {
				add(component, version, "items", r, items.get(r).clusters(), null, null,
						PackedArrays.packFloats(items.get(r).membership()), null);
			}
			List<EnsembleModel.AspectMixture> aspects = model.aspectModels();
			for (int r = 0; r < aspects.size(); r++) {
				add(component, version, "aspects", r, aspects.get(r).clusters(), null, null,
						PackedArrays.packFloats(aspects.get(r).phi()), null);
			}
			component.executeBatch();
		}
	}

	private static void add(PreparedStatement component, long version, String part, int restart, int clusters,
			byte[] weights, byte[] variances, byte[] values, byte[] support) throws SQLException {
		component.setLong(1, version);
		component.setString(2, part);
		component.setInt(3, restart);
		component.setInt(4, clusters);
		bytesOrNull(component, 5, weights);
		bytesOrNull(component, 6, variances);
		component.setBytes(7, values);
		bytesOrNull(component, 8, support);
		component.addBatch();
	}

	private static void bytesOrNull(PreparedStatement statement, int index, byte[] bytes) throws SQLException {
		if (bytes != null) {
			statement.setBytes(index, bytes);
		}
		else {
			statement.setNull(index, Types.BINARY);
		}
	}

	private static String json(EnsembleModel.Settings settings) {
		try {
			return new ObjectMapper().writeValueAsString(settings);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
