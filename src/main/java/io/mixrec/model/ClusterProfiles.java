package io.mixrec.model;

import java.util.ArrayList;
import java.util.List;

import io.mixrec.em.FittedModel;
import io.mixrec.em.TopN;
import org.jspecify.annotations.Nullable;

/** Computes every cluster's {@link ClusterProfile} of a model: O(K x items log n). */
final class ClusterProfiles {

	private ClusterProfiles() {
	}

	/**
	 * @param model the model
	 * @param itemIds external id per column
	 * @param titles title per column, null where unknown
	 * @param clusterUsers users per cluster
	 * @param size items per list
	 * @return one profile per cluster, in cluster order
	 */
	static List<ClusterProfile> of(FittedModel model, String[] itemIds, @Nullable String[] titles, int[] clusterUsers,
			int size) {
		int d = model.items();
		double[] column = new double[d];
		int[] top = new int[size];
		TopN selector = new TopN(size);
		List<ClusterProfile> profiles = new ArrayList<>(model.clusters());
		for (int j = 0; j < model.clusters(); j++) {
			model.clusterLiking(j, column);
			List<ClusterProfile.Item> liked = items(selector.select(column, d, top), top, column, itemIds, titles);
			List<ClusterProfile.Item> rated = List.of();
			if (model.clusterRating(j, column)) {
				rated = items(selector.select(column, d, top), top, column, itemIds, titles);
			}
			profiles.add(new ClusterProfile(j, model.clusterWeight(j), model.clusterVariance(j), clusterUsers[j], liked,
					rated));
		}
		return List.copyOf(profiles);
	}

	private static List<ClusterProfile.Item> items(int count, int[] top, double[] values, String[] itemIds,
			@Nullable String[] titles) {
		List<ClusterProfile.Item> items = new ArrayList<>(count);
		for (int k = 0; k < count; k++) {
			items.add(new ClusterProfile.Item(itemIds[top[k]], titles[top[k]], values[top[k]]));
		}
		return List.copyOf(items);
	}

}
