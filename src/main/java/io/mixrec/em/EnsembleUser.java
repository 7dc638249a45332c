package io.mixrec.em;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One user folded into an {@link EnsembleModel}: their bias and, per restart of each
 * part, what fold-in computed.
 */
public final class EnsembleUser implements FoldedUser {

	private final EnsembleModel model;

	private final double userBias;

	private final int ratingsUsed;

	private final double logLikelihood;

	private final double[][] posteriors;

	private final double[][] itemClusterMeans;

	/** The rated items, for the aspect fold-in. */
	private final int[] items;

	/** Folded in on first use: predictions alone do not need it. */
	private volatile double @Nullable [][] aspectWeights;

	EnsembleUser(EnsembleModel model, double userBias, int ratingsUsed, double logLikelihood, double[][] posteriors,
			double[][] itemClusterMeans, int[] items) {
		this.model = model;
		this.userBias = userBias;
		this.ratingsUsed = ratingsUsed;
		this.logLikelihood = logLikelihood;
		this.posteriors = posteriors;
		this.itemClusterMeans = itemClusterMeans;
		this.items = items;
	}

	public EnsembleModel model() {
		return this.model;
	}

	@Override
	public double userBias() {
		return this.userBias;
	}

	@Override
	public int ratingsUsed() {
		return this.ratingsUsed;
	}

	/**
	 * @return tempered log-likelihood of the ratings under the first user mixture (0 for
	 * a cold start)
	 */
	public double logLikelihood() {
		return this.logLikelihood;
	}

	/**
	 * @return per user-mixture restart, the posterior w_uk over its clusters
	 */
	public double[][] posteriors() {
		return this.posteriors;
	}

	/**
	 * @return per item-mixture restart, nu_uc for each item cluster
	 */
	public double[][] itemClusterMeans() {
		return this.itemClusterMeans;
	}

	/**
	 * @return per aspect restart, theta_uz, folded in on the first call (EM on theta with
	 * phi frozen costs far more than the other parts, and only ranking needs it)
	 */
	public double[][] aspectWeights() {
		double[][] theta = this.aspectWeights;
		if (theta == null) {
			theta = this.model.aspectWeights(this.items, this.ratingsUsed);
			this.aspectWeights = theta;
		}
		return theta;
	}

	@Override
	public double[] clusterProbabilities() {
		return this.posteriors[0];
	}

	@Override
	public double predict(int item) {
		return this.model.predict(this, item);
	}

	@Override
	public double stdDev(int item) {
		return this.model.predictiveStdDev(this, item);
	}

	/** The ensemble is always centred. */
	@Override
	public Optional<ItemPrediction> predictUnknownItem() {
		return Optional.of(new ItemPrediction(this.model.baseline().globalMean() + this.userBias,
				Math.sqrt(this.model.varianceUnknown(this))));
	}

}
