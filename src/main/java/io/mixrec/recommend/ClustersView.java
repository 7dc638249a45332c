package io.mixrec.recommend;

import java.util.List;

import io.mixrec.model.ClusterProfile;

/**
 * The active model's clusters.
 *
 * @param modelVersion the model version
 * @param clusters every cluster in index order: weight, variance, size in training users
 * and characteristic items
 */
record ClustersView(long modelVersion, List<ClusterProfile> clusters) {

}
