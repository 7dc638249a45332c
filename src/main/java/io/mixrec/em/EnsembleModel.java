package io.mixrec.em;

import java.util.Arrays;
import java.util.List;

/**
 * A fitted mixture ensemble (design.md 1.4), immutable and safe to share between threads:
 * damped biases and three mixtures on their residuals, each kept as the list of its
 * restarts, whose predictions are averaged.
 *
 * <p>
 * A user is folded in from their ratings ({@link #foldIn}): bias b_u with the item biases
 * frozen, residuals {@code r~_ui = r_ui - g - b_u - b_i}, then per restart
 *
 * <pre>
 * A  w_uk  = posterior of user cluster k: one tempered E-step ({@link Parameters#logJoint})
 * B  nu_uc = sum_{j in C_u} z_jc r~_uj / (sum_{j in C_u} z_jc + lambda_B)   (item cluster c)
 * C  theta_uz: EM on the aspect weights with phi frozen, from theta = 1/K
 * </pre>
 *
 * and predicts, with averages over each part's restarts written as mean_r,
 *
 * <pre>
 * r^_ui   = g + b_u + b_i + mean_r sum_k w_uk mu_ki + mean_r sum_c z_ic nu_uc
 * P_ui    = mean_r sum_z theta_uz phi_zi                         (u would rate i)
 * v_ui    = s [ mean_r sum_k w_uk (var_k (1 + 1 / (W_ki + lambda_A)) + (mu_ki - m_ui)^2)
 *               + vbar_u (1 / (lambda_u + n_u) + 1 / (lambda_i + n_i)) ]
 * score   = P_ui Phi((r^_ui - like) / sqrt(v_ui))
 * </pre>
 *
 * where {@code m_ui = sum_k w_uk mu_ki} (per restart), W_ki the cluster's posterior
 * weight on item i in training, {@code vbar_u = mean_r sum_k w_uk var_k}, n_u and n_i the
 * user's and the item's rating counts, and s a calibration factor. So v_ui is the spread
 * of the user's clusters, plus the uncertainty of the cluster means (large where the
 * user's clusters rated the item rarely) and of the two biases (large for a new user or a
 * rarely rated item).
 *
 * <p>
 * Folding in costs O(ratings x (K_A R_A + K_B R_B) + ratings x K_C R_C x aspect steps),
 * scoring one item O(K_A R_A + K_B R_B + K_C R_C).
 */
public final class EnsembleModel implements FittedModel {

	private final Baseline baseline;

	private final int[] itemCounts;

	private final Settings settings;

	private final List<UserMixture> users;

	private final List<ItemMixture> items;

	private final List<AspectMixture> aspects;

	/** Part A's restarts with the E-step's derived constants. */
	private final Parameters[] userParameters;

	/** Per user-mixture restart, {@code 1 / (W_ki + lambda_A)} item-major. */
	private final double[][] meanUncertainty;

	private final Kernels kernels;

	/**
	 * @param baseline global mean, item biases, user damping
	 * @param itemCounts n_i, training ratings per item
	 * @param settings how fold-in and prediction work
	 * @param users part A, one entry per restart (at least one)
	 * @param items part B, one entry per restart (empty: off)
	 * @param aspects part C, one entry per restart (empty: off; ranking then uses r^)
	 * (the model folds users in with scalar kernels until {@link #using} gives it others)
	 */
	public EnsembleModel(Baseline baseline, int[] itemCounts, Settings settings, List<UserMixture> users,
			List<ItemMixture> items, List<AspectMixture> aspects) {
		int d = baseline.itemBias().length;
		if (itemCounts.length != d || users.isEmpty()) {
			throw new IllegalArgumentException("need item counts for " + d + " items and a user mixture, had "
					+ itemCounts.length + " and " + users.size() + " user mixtures");
		}
		for (UserMixture part : users) {
			part.check(d);
		}
		for (ItemMixture part : items) {
			check(part.membership().length, part.clusters(), d, "item mixture");
		}
		for (AspectMixture part : aspects) {
			check(part.phi().length, part.clusters(), d, "aspect model");
		}
		this.baseline = baseline;
		this.itemCounts = itemCounts;
		this.settings = settings;
		this.users = List.copyOf(users);
		this.items = List.copyOf(items);
		this.aspects = List.copyOf(aspects);
		this.userParameters = new Parameters[users.size()];
		this.meanUncertainty = new double[users.size()][];
		for (int r = 0; r < users.size(); r++) {
			UserMixture part = users.get(r);
			Parameters p = new Parameters(part.clusters(), d, false, 1, settings.ratingWeight());
			System.arraycopy(part.weights(), 0, p.weight, 0, part.clusters());
			System.arraycopy(part.variances(), 0, p.variance, 0, part.clusters());
			System.arraycopy(part.means(), 0, p.mean, 0, part.means().length);
			this.userParameters[r] = p.derive();
			double[] support = part.support();
			double[] factor = new double[support.length];
			for (int q = 0; q < support.length; q++) {
				factor[q] = 1 / (support[q] + settings.userMeanPrior());
			}
			this.meanUncertainty[r] = factor;
		}
		this.kernels = Kernels.scalar();
	}

	private EnsembleModel(EnsembleModel model, Kernels kernels) {
		this.baseline = model.baseline;
		this.itemCounts = model.itemCounts;
		this.settings = model.settings;
		this.users = model.users;
		this.items = model.items;
		this.aspects = model.aspects;
		this.userParameters = model.userParameters;
		this.meanUncertainty = model.meanUncertainty;
		this.kernels = kernels;
	}

	@Override
	public EnsembleModel using(Kernels kernels) {
		return (kernels == this.kernels) ? this : new EnsembleModel(this, kernels);
	}

	@Override
	public Baseline baseline() {
		return this.baseline;
	}

	@Override
	public boolean centred() {
		return true;
	}

	@Override
	public int items() {
		return this.itemCounts.length;
	}

	@Override
	public EnsembleUser fold(int[] items, float[] values, int n) {
		return foldIn(items, values, n);
	}

	@Override
	public Ranker ranker() {
		return new EnsembleRanker(this);
	}

	@Override
	public int clusters() {
		return this.users.get(0).clusters();
	}

	@Override
	public double clusterWeight(int cluster) {
		return this.users.get(0).weights()[cluster];
	}

	@Override
	public double clusterVariance(int cluster) {
		return this.users.get(0).variances()[cluster];
	}

	@Override
	public void clusterLiking(int cluster, double[] out) {
		double[] means = this.users.get(0).means();
		int k = clusters();
		for (int i = 0; i < items(); i++) {
			out[i] = means[i * k + cluster];
		}
	}

	@Override
	public boolean clusterRating(int cluster, double[] out) {
		double[] support = this.users.get(0).support();
		int k = clusters();
		double total = 0;
		for (int i = 0; i < items(); i++) {
			total += support[i * k + cluster];
		}
		for (int i = 0; i < items(); i++) {
			out[i] = (total > 0) ? support[i * k + cluster] / total : 0;
		}
		return true;
	}

	public int[] itemCounts() {
		return this.itemCounts;
	}

	public Settings settings() {
		return this.settings;
	}

	/**
	 * @return part A, one entry per restart
	 */
	public List<UserMixture> userMixtures() {
		return this.users;
	}

	/**
	 * @return part B, one entry per restart (empty: off)
	 */
	public List<ItemMixture> itemMixtures() {
		return this.items;
	}

	/**
	 * @return part C, one entry per restart (empty: off)
	 */
	public List<AspectMixture> aspectModels() {
		return this.aspects;
	}

	private static void check(int length, int clusters, int items, String part) {
		if (clusters < 1 || length != (long) clusters * items) {
			throw new IllegalArgumentException(
					part + " has " + length + " values for " + clusters + " clusters and " + items + " items");
		}
	}

	/**
	 * Folds a user in (class comment).
	 * @param items item indices, each known to the model, increasing
	 * @param values the user's ratings of them
	 * @param n number of entries to use
	 * @return the user's state
	 */
	public EnsembleUser foldIn(int[] items, float[] values, int n) {
		double bias = this.baseline.userBias(items, values, n);
		float[] residual = new float[n];
		for (int p = 0; p < n; p++) {
			residual[p] = (float) (values[p] - this.baseline.predict(bias, items[p]));
		}
		double[][] posterior = new double[this.users.size()][];
		double logLikelihood = 0;
		for (int r = 0; r < posterior.length; r++) {
			Parameters p = this.userParameters[r];
			int k = p.clusters;
			if (n == 0) {
				posterior[r] = p.weight.clone();
				continue;
			}
			double[] f = new double[k];
			p.logJoint(this.kernels, items, residual, 0, n, new double[k], new double[k], f);
			double ll = LogMath.normalizeLog(f, k);
			logLikelihood = (r == 0) ? ll : logLikelihood;
			posterior[r] = f;
		}
		double[][] clusterMeans = new double[this.items.size()][];
		for (int r = 0; r < clusterMeans.length; r++) {
			clusterMeans[r] = itemClusterMeans(this.items.get(r), items, residual, n);
		}
		return new EnsembleUser(this, bias, n, logLikelihood, posterior, clusterMeans, Arrays.copyOf(items, n));
	}

	/** nu_uc = sum_j z_jc r~_uj / (sum_j z_jc + lambda_B). */
	private double[] itemClusterMeans(ItemMixture part, int[] items, float[] residual, int n) {
		int k = part.clusters();
		double[] z = part.membership();
		double[] weight = new double[k];
		double[] sum = new double[k];
		for (int p = 0; p < n; p++) {
			int base = items[p] * k;
			double x = residual[p];
			for (int c = 0; c < k; c++) {
				weight[c] += z[base + c];
				sum[c] += z[base + c] * x;
			}
		}
		double lambda = this.settings.itemMeanPrior();
		for (int c = 0; c < k; c++) {
			sum[c] /= weight[c] + lambda;
		}
		return sum;
	}

	/**
	 * @return per aspect restart, theta_u of a user who rated these items
	 */
	double[][] aspectWeights(int[] items, int n) {
		double[][] theta = new double[this.aspects.size()][];
		for (int r = 0; r < theta.length; r++) {
			theta[r] = aspectWeights(this.aspects.get(r), items, n);
		}
		return theta;
	}

	/**
	 * theta_u by EM with phi frozen ({@link AspectRun}'s theta update), from 1/K, until
	 * {@code sum_i log P_ui + alpha sum_z log theta_z} gains at most the tolerance or the
	 * step limit is reached.
	 */
	private double[] aspectWeights(AspectMixture part, int[] items, int n) {
		int k = part.clusters();
		double[] phi = part.phi();
		double alpha = this.settings.userSmoothing();
		double[] theta = new double[k];
		Arrays.fill(theta, 1.0 / k);
		if (n == 0) {
			return theta;
		}
		double[] sum = new double[k];
		double[] inverse = new double[n];
		double previous = Double.NaN;
		double denominator = n + k * alpha;
		for (int step = 0; step < this.settings.foldInIterations(); step++) {
			LogProduct likelihood = new LogProduct();
			for (int p = 0; p < n; p++) {
				double probability = AspectRun.dot(theta, 0, phi, items[p] * k, k);
				likelihood.add(probability);
				inverse[p] = 1 / probability;
			}
			AspectKernels.weightedRowSums(phi, k, items, 0, n, inverse, sum);
			LogProduct prior = new LogProduct();
			for (int z = 0; z < k; z++) {
				prior.add(theta[z]);
			}
			double objective = likelihood.log() + alpha * prior.log();
			if (step > 0 && objective - previous <= this.settings.foldInTolerance() * Math.abs(objective)) {
				break;
			}
			previous = objective;
			for (int z = 0; z < k; z++) {
				theta[z] = (theta[z] * sum[z] + alpha) / denominator;
			}
		}
		return theta;
	}

	/**
	 * @return r^_ui, unclamped
	 */
	public double predict(EnsembleUser user, int item) {
		double sum = 0;
		double[][] posterior = user.posteriors();
		for (int r = 0; r < posterior.length; r++) {
			sum += dot(posterior[r], this.userParameters[r].mean, item);
		}
		return this.baseline.predict(user.userBias(), item) + sum / posterior.length + itemMixtures(user, item);
	}

	/** {@code mean_r sum_c z_ic nu_uc}, 0 without item mixtures. */
	private double itemMixtures(EnsembleUser user, int item) {
		double[][] means = user.itemClusterMeans();
		if (means.length == 0) {
			return 0;
		}
		double items = 0;
		for (int r = 0; r < means.length; r++) {
			items += dot(means[r], this.items.get(r).membership(), item);
		}
		return items / means.length;
	}

	/**
	 * @return v_ui, the predictive variance of the rating
	 */
	public double variance(EnsembleUser user, int item) {
		double[][] posterior = user.posteriors();
		double total = 0;
		double spread = 0;
		double lambda = this.settings.userMeanPrior();
		for (int r = 0; r < posterior.length; r++) {
			Parameters p = this.userParameters[r];
			double[] support = this.users.get(r).support();
			double[] w = posterior[r];
			int k = p.clusters;
			int base = item * k;
			double m = dot(w, p.mean, item);
			for (int j = 0; j < k; j++) {
				double offset = p.mean[base + j] - m;
				total += w[j] * (p.variance[j] * (1 + 1 / (support[base + j] + lambda)) + offset * offset);
				spread += w[j] * p.variance[j];
			}
		}
		return combine(total / posterior.length, spread / posterior.length, user.ratingsUsed(), this.itemCounts[item]);
	}

	/**
	 * @return v_ui for an item the model does not know: no support, no ratings, every
	 * cluster mean at the prior's 0
	 */
	double varianceUnknown(EnsembleUser user) {
		double[][] posterior = user.posteriors();
		double spread = 0;
		for (int r = 0; r < posterior.length; r++) {
			double[] w = posterior[r];
			for (int j = 0; j < w.length; j++) {
				spread += w[j] * this.userParameters[r].variance[j];
			}
		}
		spread /= posterior.length;
		return combine(spread * (1 + 1 / this.settings.userMeanPrior()), spread, user.ratingsUsed(), 0);
	}

	private double combine(double clusters, double spread, int userRatings, int itemRatings) {
		double biases = 1 / (this.baseline.userDamping() + userRatings)
				+ 1 / (this.settings.itemDamping() + itemRatings);
		return this.settings.varianceScale() * (clusters + spread * biases);
	}

	/**
	 * @return sqrt(v_ui)
	 */
	public double predictiveStdDev(EnsembleUser user, int item) {
		return Math.sqrt(variance(user, item));
	}

	/** Part A's restart r with the E-step's derived constants. */
	Parameters userParameters(int restart) {
		return this.userParameters[restart];
	}

	/**
	 * @return P_ui, or NaN without aspects
	 */
	public double rateProbability(EnsembleUser user, int item) {
		double[][] theta = user.aspectWeights();
		if (theta.length == 0) {
			return Double.NaN;
		}
		double sum = 0;
		for (int r = 0; r < theta.length; r++) {
			sum += dot(theta[r], this.aspects.get(r).phi(), item);
		}
		return sum / theta.length;
	}

	/**
	 * @return the ranking score: P_ui P(r &gt;= like), or r^_ui without aspects
	 */
	public double score(EnsembleUser user, int item) {
		double rating = predict(user, item);
		if (this.aspects.isEmpty()) {
			return rating;
		}
		double sd = Math.sqrt(variance(user, item));
		return rateProbability(user, item) * LogMath.normalUpperTail((this.settings.likeThreshold() - rating) / sd);
	}

	/** sum_k w_k table[item * K + k] with K = w.length. */
	private static double dot(double[] w, double[] table, int item) {
		int k = w.length;
		int base = item * k;
		double sum = 0;
		for (int j = 0; j < k; j++) {
			sum += w[j] * table[base + j];
		}
		return sum;
	}

	/**
	 * How a user is folded in and scored.
	 *
	 * @param ratingWeight tempering rho of the user mixture's E-step
	 * @param userMeanPrior lambda_A, the user mixture's prior strength (mean uncertainty)
	 * @param itemMeanPrior lambda_B, shrinkage of the per-user item-cluster means
	 * @param itemDamping lambda_i of the item biases (bias uncertainty)
	 * @param userSmoothing alpha of the aspect weights
	 * @param foldInIterations upper bound on a user's aspect fold-in steps
	 * @param foldInTolerance an aspect fold-in stops when its objective gains at most
	 * this, relative
	 * @param likeThreshold P(like) is P(rating &gt;= this)
	 * @param varianceScale s, the calibration of the predictive variance
	 */
	public record Settings(double ratingWeight, double userMeanPrior, double itemMeanPrior, double itemDamping,
			double userSmoothing, int foldInIterations, double foldInTolerance, double likeThreshold,
			double varianceScale) {
	}

	/**
	 * One restart of part A.
	 *
	 * @param weights p_k
	 * @param variances var_k
	 * @param means mu_ki item-major ({@code means[i * K + k]})
	 * @param support W_ki item-major: the cluster's posterior weight on item i in
	 * training
	 */
	public record UserMixture(double[] weights, double[] variances, double[] means, double[] support) {

		public int clusters() {
			return this.weights.length;
		}

		void check(int items) {
			int k = clusters();
			if (k < 1 || this.variances.length != k || this.means.length != (long) k * items
					|| this.support.length != this.means.length) {
				throw new IllegalArgumentException("user mixture has " + k + " weights, " + this.variances.length
						+ " variances, " + this.means.length + " means and " + this.support.length
						+ " support values for " + items + " items");
			}
		}

	}

	/**
	 * One restart of part B.
	 *
	 * @param clusters K
	 * @param membership z_ic item-major ({@code membership[i * K + c]}), each item's
	 * posterior over item clusters
	 */
	public record ItemMixture(int clusters, double[] membership) {
	}

	/**
	 * One restart of part C.
	 *
	 * @param clusters aspects K
	 * @param phi phi_zi item-major ({@code phi[i * K + z]})
	 */
	public record AspectMixture(int clusters, double[] phi) {
	}

}
