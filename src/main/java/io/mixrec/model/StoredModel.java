package io.mixrec.model;

import io.mixrec.em.FittedModel;

/**
 * A fitted model as stored: the engine's parameters, which item each column is, and how
 * many training users each cluster holds.
 *
 * @param model the engine model, of either kind
 * @param itemKeys {@code items.id} of each model column
 * @param clusterUsers training users whose most probable cluster is j
 */
public record StoredModel(FittedModel model, long[] itemKeys, int[] clusterUsers) {

	public StoredModel {
		if (itemKeys.length != model.items() || clusterUsers.length != model.clusters()) {
			throw new IllegalArgumentException("model has " + model.items() + " items and " + model.clusters()
					+ " clusters, but " + itemKeys.length + " item keys and " + clusterUsers.length + " cluster sizes");
		}
	}

}
