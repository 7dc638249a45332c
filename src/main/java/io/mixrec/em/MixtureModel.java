package io.mixrec.em;

import java.util.Arrays;

/**
 * A fitted mixture, immutable and safe to share between threads: the baseline, and per
 * cluster j its weight p_j, variance var_j, mean mu_ji of every item and, when the
 * presence model is on, the probability pi_ji that a rating of a cluster-j user falls on
 * item i.
 *
 * <p>
 * Serving folds a user in ({@link #foldIn}) and then predicts
 *
 * <pre>
 * x_hat_ui = g + b_u + b_i + sum_j post_j mu_ji
 * var_ui   = sum_j post_j (var_j + (mu_ji - m_ui)^2)      with m_ui = sum_j post_j mu_ji
 * </pre>
 *
 * the mean and variance of the posterior predictive mixture. Scoring all items costs O(K
 * x items) and writes into a caller-owned buffer.
 */
public final class MixtureModel implements FittedModel {

	private final Parameters parameters;

	private final Baseline baseline;

	private final double likeThreshold;

	private final Kernels kernels;

	private MixtureModel(Parameters parameters, Baseline baseline, double likeThreshold, Kernels kernels) {
		this.parameters = parameters;
		this.baseline = baseline;
		this.likeThreshold = likeThreshold;
		this.kernels = kernels;
	}

	static MixtureModel own(Parameters parameters, Baseline baseline, double likeThreshold, Kernels kernels) {
		return new MixtureModel(parameters.copy(), baseline, likeThreshold, kernels);
	}

	/**
	 * Rebuilds a model from stored parameters (e.g. loaded from the database); it folds
	 * users in with scalar kernels until {@link #using} gives it others.
	 * @param baseline global mean, item biases, user damping
	 * @param weights p_j, length K, summing to 1
	 * @param variances var_j &gt; 0, length K
	 * @param means mu_ji item-major ({@code means[i * K + j]}), length items x K
	 * @param presence pi_ji item-major, or an empty array when the presence model is off
	 * @param presenceWeight tempering tau of the presence log-likelihood
	 * @param likeThreshold rating counted as liked by {@link RankingScore#RATE_AND_LIKE}
	 * @return the model
	 */
	public static MixtureModel of(Baseline baseline, double[] weights, double[] variances, double[] means,
			double[] presence, double presenceWeight, double likeThreshold) {
		int k = weights.length;
		int d = baseline.itemBias().length;
		if (k == 0 || variances.length != k || means.length != (long) d * k
				|| (presence.length != 0 && presence.length != means.length)) {
			throw new IllegalArgumentException(
					"inconsistent sizes: " + k + " weights, " + variances.length + " variances, " + means.length
							+ " means, " + presence.length + " presence values for " + d + " items");
		}
		for (int j = 0; j < k; j++) {
			if (!(variances[j] > 0) || !(weights[j] >= 0)) {
				throw new IllegalArgumentException(
						"cluster " + j + " has weight " + weights[j] + " and variance " + variances[j]);
			}
		}
		Parameters p = new Parameters(k, d, presence.length > 0, presenceWeight);
		System.arraycopy(weights, 0, p.weight, 0, k);
		System.arraycopy(variances, 0, p.variance, 0, k);
		System.arraycopy(means, 0, p.mean, 0, means.length);
		System.arraycopy(presence, 0, p.presence, 0, presence.length);
		return new MixtureModel(p.derive(), baseline, likeThreshold, Kernels.scalar());
	}

	@Override
	public MixtureModel using(Kernels kernels) {
		return (kernels == this.kernels) ? this
				: new MixtureModel(this.parameters, this.baseline, this.likeThreshold, kernels);
	}

	Parameters parameters() {
		return this.parameters;
	}

	@Override
	public int clusters() {
		return this.parameters.clusters;
	}

	@Override
	public int items() {
		return this.parameters.items;
	}

	@Override
	public Baseline baseline() {
		return this.baseline;
	}

	@Override
	public boolean centred() {
		return this.baseline.centred();
	}

	@Override
	public MixtureUser fold(int[] items, float[] values, int n) {
		return new MixtureUser(this, foldIn(items, values, n));
	}

	@Override
	public Ranker ranker() {
		return new ItemRanker(this, defaultRankingScore());
	}

	@Override
	public double clusterWeight(int cluster) {
		return weight(cluster);
	}

	@Override
	public double clusterVariance(int cluster) {
		return variance(cluster);
	}

	@Override
	public void clusterLiking(int cluster, double[] out) {
		for (int i = 0; i < items(); i++) {
			out[i] = mean(i, cluster);
		}
	}

	@Override
	public boolean clusterRating(int cluster, double[] out) {
		if (!hasPresence()) {
			return false;
		}
		for (int i = 0; i < items(); i++) {
			out[i] = presence(i, cluster);
		}
		return true;
	}

	public boolean hasPresence() {
		return this.parameters.hasPresence();
	}

	public double presenceWeight() {
		return this.parameters.presenceWeight;
	}

	public double likeThreshold() {
		return this.likeThreshold;
	}

	/**
	 * @return p_j (a copy)
	 */
	public double[] weights() {
		return this.parameters.weight.clone();
	}

	/**
	 * @return var_j (a copy)
	 */
	public double[] variances() {
		return this.parameters.variance.clone();
	}

	/**
	 * @return mu_ji item-major (a copy)
	 */
	public double[] means() {
		return this.parameters.mean.clone();
	}

	/**
	 * @return pi_ji item-major (a copy), empty without the presence model
	 */
	public double[] presence() {
		return this.parameters.presence.clone();
	}

	/**
	 * @return the standard deviation of the posterior predictive mixture for an item
	 * whose cluster means are all at the prior mean 0 (an item the model does not know)
	 */
	public double predictiveStdDevUnknown(UserPosterior user) {
		double[] post = user.probabilities();
		double variance = 0;
		for (int j = 0; j < post.length; j++) {
			variance += post[j] * this.parameters.variance[j];
		}
		return Math.sqrt(variance);
	}

	public double weight(int cluster) {
		return this.parameters.weight[cluster];
	}

	public double variance(int cluster) {
		return this.parameters.variance[cluster];
	}

	/**
	 * @return mu_ji, on the residual scale when centering is on
	 */
	public double mean(int item, int cluster) {
		return this.parameters.mean[item * this.parameters.clusters + cluster];
	}

	/**
	 * @return pi_ji, or NaN without the presence model
	 */
	public double presence(int item, int cluster) {
		return hasPresence() ? this.parameters.presence[item * this.parameters.clusters + cluster] : Double.NaN;
	}

	/**
	 * @return the score top-N should use: {@link RankingScore#RATE_AND_LIKE} when it can
	 */
	public RankingScore defaultRankingScore() {
		return hasPresence() ? RankingScore.RATE_AND_LIKE : RankingScore.PREDICTED_RATING;
	}

	/**
	 * Folds a user in: damped bias from their ratings, then {@code post_j = exp(f_j -
	 * logsumexp f)} on the residuals. A user with no known ratings gets the weights.
	 * @param items item indices, each known to the model
	 * @param values the user's ratings of them
	 * @param n number of entries to use
	 * @return the user's posterior
	 */
	public UserPosterior foldIn(int[] items, float[] values, int n) {
		int k = clusters();
		if (n == 0) {
			return new UserPosterior(0, this.parameters.weight.clone(), 0, 0);
		}
		double bias = this.baseline.userBias(items, values, n);
		float[] residual = new float[n];
		for (int p = 0; p < n; p++) {
			residual[p] = (float) (values[p] - this.baseline.predict(bias, items[p]));
		}
		double[] f = new double[k];
		this.parameters.logJoint(this.kernels, items, residual, 0, n, new double[k], new double[k], f);
		double logLikelihood = LogMath.normalizeLog(f, k);
		return new UserPosterior(bias, f, n, logLikelihood);
	}

	/**
	 * Folds in a row of a rating matrix whose columns are this model's items.
	 * @param matrix the ratings
	 * @param user the row
	 * @return the user's posterior
	 */
	public UserPosterior foldIn(RatingMatrix matrix, int user) {
		return ((MixtureUser) fold(matrix, user)).posterior();
	}

	/**
	 * @return {@code g + b_u + b_i + sum_j post_j mu_ji}
	 */
	public double predict(UserPosterior user, int item) {
		return this.baseline.predict(user.userBias(), item) + clusterMean(user.probabilities(), item);
	}

	/**
	 * @return the standard deviation of the posterior predictive mixture for the item
	 */
	public double predictiveStdDev(UserPosterior user, int item) {
		double[] post = user.probabilities();
		int k = clusters();
		int base = item * k;
		double m = clusterMean(post, item);
		double variance = 0;
		for (int j = 0; j < k; j++) {
			double offset = this.parameters.mean[base + j] - m;
			variance += post[j] * (this.parameters.variance[j] + offset * offset);
		}
		return Math.sqrt(variance);
	}

	/**
	 * Writes the ranking score of every item.
	 * @param user the folded-in user
	 * @param score which score
	 * @param out buffer of at least {@link #items()} entries, reusable across calls
	 */
	public void scores(UserPosterior user, RankingScore score, double[] out) {
		if (score != RankingScore.PREDICTED_RATING && !hasPresence()) {
			throw new IllegalArgumentException(score + " needs the presence model");
		}
		double[] post = user.probabilities();
		int k = clusters();
		int d = items();
		double[] mu = this.parameters.mean;
		double[] pi = this.parameters.presence;
		double spread = 0;
		for (int j = 0; j < k; j++) {
			spread += post[j] * this.parameters.variance[j];
		}
		double sd = Math.sqrt(spread);
		for (int i = 0; i < d; i++) {
			int base = i * k;
			switch (score) {
				case PREDICTED_RATING -> out[i] = predict(user, i);
				case RATE_PROBABILITY -> out[i] = dot(post, pi, base, k);
				case RATE_AND_LIKE -> {
					double mean = this.baseline.predict(user.userBias(), i) + dot(post, mu, base, k);
					out[i] = dot(post, pi, base, k) * LogMath.normalUpperTail((this.likeThreshold - mean) / sd);
				}
			}
		}
	}

	private double clusterMean(double[] post, int item) {
		return dot(post, this.parameters.mean, item * clusters(), clusters());
	}

	private static double dot(double[] post, double[] values, int base, int k) {
		double sum = 0;
		for (int j = 0; j < k; j++) {
			sum += post[j] * values[base + j];
		}
		return sum;
	}

	@Override
	public String toString() {
		return "MixtureModel[clusters=" + clusters() + ", items=" + items() + ", presence=" + hasPresence()
				+ ", weights=" + Arrays.toString(this.parameters.weight) + "]";
	}

}
