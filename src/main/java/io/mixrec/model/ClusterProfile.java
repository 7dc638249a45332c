package io.mixrec.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What characterises one cluster: its share of users and spread, and the items that set
 * it apart.
 *
 * @param cluster index j
 * @param weight p_j
 * @param variance var_j
 * @param users training users whose most probable cluster it is
 * @param likedMost items with the highest cluster mean relative to the item's baseline
 * (mu_ji, on the residual scale when centering is on)
 * @param ratedMost items a user of this cluster most likely rates (the largest share of
 * the cluster's ratings: pi_ji of the presence model, or the ensemble's
 * posterior-weighted rating counts); empty for a mixture without the presence model
 */
public record ClusterProfile(int cluster, double weight, double variance, int users, List<Item> likedMost,
		List<Item> ratedMost) {

	/**
	 * An item in a cluster's profile.
	 *
	 * @param itemId external id
	 * @param title title, if known
	 * @param value the mean offset (likedMost) or the probability of being rated
	 * (ratedMost)
	 */
	public record Item(String itemId, @Nullable String title, double value) {
	}

}
