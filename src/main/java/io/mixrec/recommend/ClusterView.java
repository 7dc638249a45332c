package io.mixrec.recommend;

import java.util.List;

import io.mixrec.model.ClusterProfile;

/**
 * One cluster of the active model.
 *
 * @param modelVersion the model version
 * @param cluster the cluster's index
 * @param weight its share of users (the mixture weight p_j)
 * @param variance its rating variance var_j (of residuals when the model is centred)
 * @param users training users whose most probable cluster it is
 * @param likedMost the items with the highest cluster mean relative to the item's
 * baseline, with that offset as {@code value}
 * @param ratedMost the items a user of the cluster most likely rates, with that
 * probability as {@code value}; empty without the presence model
 */
record ClusterView(long modelVersion, int cluster, double weight, double variance, int users,
		List<ClusterProfile.Item> likedMost, List<ClusterProfile.Item> ratedMost) {

	static ClusterView of(long modelVersion, ClusterProfile profile) {
		return new ClusterView(modelVersion, profile.cluster(), profile.weight(), profile.variance(), profile.users(),
				profile.likedMost(), profile.ratedMost());
	}

}
