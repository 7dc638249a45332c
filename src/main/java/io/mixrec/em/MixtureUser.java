package io.mixrec.em;

/**
 * A user folded into a {@link MixtureModel}.
 *
 * @param model the model
 * @param posterior bias and posterior over clusters
 */
public record MixtureUser(MixtureModel model, UserPosterior posterior) implements FoldedUser {

	@Override
	public double userBias() {
		return this.posterior.userBias();
	}

	@Override
	public int ratingsUsed() {
		return this.posterior.ratingsUsed();
	}

	@Override
	public double[] clusterProbabilities() {
		return this.posterior.probabilities();
	}

	@Override
	public double predict(int item) {
		return this.model.predict(this.posterior, item);
	}

	@Override
	public double stdDev(int item) {
		return this.model.predictiveStdDev(this.posterior, item);
	}

	/**
	 * @return {@code g + b_u} of a centred model (its cluster means of an unknown item
	 * are the prior's 0); NaN without centering, where nothing is known of the item
	 */
	@Override
	public double predictUnknown() {
		return this.model.centred() ? this.model.baseline().globalMean() + this.posterior.userBias() : Double.NaN;
	}

	@Override
	public double stdDevUnknown() {
		return this.model.centred() ? this.model.predictiveStdDevUnknown(this.posterior) : Double.NaN;
	}

}
