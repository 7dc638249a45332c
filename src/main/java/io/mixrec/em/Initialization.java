package io.mixrec.em;

/** How a fit chooses its starting parameters. */
public enum Initialization {

	/**
	 * Each user gets a posterior drawn from a flat Dirichlet; the first M-step turns
	 * those into parameters.
	 */
	RANDOM_POSTERIOR,

	/**
	 * k-means++ seeding on observed entries: the first centre is a random user, each
	 * further one is drawn with probability proportional to the user's mean squared
	 * distance (over their observed items) to the nearest centre so far. A centre's mean
	 * for an item it did not rate is the item's mean.
	 */
	KMEANS_PLUS_PLUS,

	/** Start from given parameters (warm start, or test vectors). */
	GIVEN

}
