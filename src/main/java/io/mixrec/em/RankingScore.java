package io.mixrec.em;

/** What top-N ranks items by. */
public enum RankingScore {

	/**
	 * The predicted rating alone: accurate on average, poor for top-N (design.md 1.2).
	 */
	PREDICTED_RATING,

	/** P(u rates i) = sum_j post_j pi_ji: popularity within the user's clusters. */
	RATE_PROBABILITY,

	/**
	 * P(u rates i) x P(rating &gt;= like threshold), the latter from a normal with the
	 * predicted mean and the posterior-averaged cluster variance: items the user is
	 * likely both to pick and to like.
	 */
	RATE_AND_LIKE

}
