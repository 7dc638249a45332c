package io.mixrec.recommend;

/**
 * A cluster and the probability that a user belongs to it.
 *
 * @param cluster the cluster's index ({@code GET /clusters/{index}})
 * @param probability the user's posterior probability of the cluster
 */
record ClusterShare(int cluster, double probability) {

}
