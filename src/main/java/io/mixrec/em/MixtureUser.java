package io.mixrec.em;

import java.util.Optional;

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

	@Override
	public Optional<ItemPrediction> predictUnknownItem() {
		if (!this.model.centred()) {
			return Optional.empty();
		}
		return Optional.of(new ItemPrediction(this.model.baseline().globalMean() + this.posterior.userBias(),
				this.model.predictiveStdDevUnknown(this.posterior)));
	}

}
