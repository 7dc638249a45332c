package io.mixrec.em;

/**
 * One user folded into a fitted model: their bias and posterior over clusters.
 *
 * @param userBias damped user bias b_u (0 when centering is off or for a cold start)
 * @param probabilities post_j, summing to 1
 * @param ratingsUsed how many of the user's ratings the model knew and used
 * @param logLikelihood log p(x_Cu, C_u) under the model (0 for a cold start)
 */
public record UserPosterior(double userBias, double[] probabilities, int ratingsUsed, double logLikelihood) {

	/**
	 * @return true when no known rating informed the posterior, which is then the weights
	 */
	public boolean coldStart() {
		return this.ratingsUsed == 0;
	}

}
