package io.mixrec.recommend;

import java.util.List;

import io.mixrec.model.ClusterProfile;

/**
 * A user's full posterior over the clusters, most probable first, with what characterises
 * each cluster: the explanation of the user's recommendations.
 *
 * @param userId the user
 * @param modelVersion the model version
 * @param coldStart true when no rating informed the posterior (it is then the weights)
 * @param ratingsUsed the user's ratings that informed it
 * @param clusters every cluster, most probable first
 */
record UserClustersView(String userId, long modelVersion, boolean coldStart, int ratingsUsed, List<Cluster> clusters) {

	/**
	 * One cluster of the user's posterior.
	 *
	 * @param cluster the cluster's index
	 * @param probability the user's posterior probability of it
	 * @param weight its share of all users (the mixture weight)
	 * @param likedMost items its users rate highest relative to the items' baselines
	 * @param ratedMost items its users most likely rate (empty without the presence
	 * model)
	 */
	record Cluster(int cluster, double probability, double weight, List<ClusterProfile.Item> likedMost,
			List<ClusterProfile.Item> ratedMost) {
	}

}
