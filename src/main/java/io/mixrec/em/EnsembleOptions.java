package io.mixrec.em;

import static io.mixrec.em.OptionChecks.atLeast;
import static io.mixrec.em.OptionChecks.check;
import static io.mixrec.em.OptionChecks.finite;
import static io.mixrec.em.OptionChecks.finiteAtLeast;
import static io.mixrec.em.OptionChecks.finitePositive;
import static io.mixrec.em.OptionChecks.weight;

/**
 * Options of the mixture ensemble (design.md 1.4): damped biases, then three EM-fitted
 * mixtures on the residuals, each averaged over its restarts.
 *
 * @param userBiasDamping pseudo-count pulling user biases to 0
 * @param itemBiasDamping pseudo-count pulling item biases to 0
 * @param biasSweeps alternating bias sweeps (items, then users)
 * @param users part A, the Gaussian mixture of users
 * @param items part B, the Gaussian mixture of items (0 clusters: off)
 * @param aspects part C, the aspect model of which items a user rates
 * @param likeThreshold the ranking's P(like) is P(rating &gt;= this)
 * @param varianceScale multiplies the predictive variance (calibration)
 * @param threads worker threads of the fit; results do not depend on it
 * @param seed master seed; every part and restart gets its own stream split from it
 */
public record EnsembleOptions(double userBiasDamping, double itemBiasDamping, int biasSweeps, Mixture users,
		Mixture items, Aspects aspects, double likeThreshold, double varianceScale, int threads,
		long seed) implements FitOptions {

	/** Validates every field; messages name the offending value. */
	public EnsembleOptions {
		finiteAtLeast("userBiasDamping", userBiasDamping, 0);
		finiteAtLeast("itemBiasDamping", itemBiasDamping, 0);
		atLeast("biasSweeps", biasSweeps, 1);
		check(users.clusters() >= 1, "the user mixture needs at least 1 cluster, had " + users.clusters());
		finite("likeThreshold", likeThreshold);
		finitePositive("varianceScale", varianceScale);
		atLeast("threads", threads, 1);
	}

	/**
	 * The service's default, chosen on validation splits carved from MovieLens 100K's
	 * training files (README "Evaluating quality").
	 * @return the options
	 */
	public static EnsembleOptions defaults() {
		return new EnsembleOptions(10, 25, 10, new Mixture(16, 2, 5, 0.3, 0.05, 100, 1e-4),
				new Mixture(16, 1, 5, 0.3, 0.05, 100, 1e-4), new Aspects(24, 4, 0.5, 0.01, 100, 5, 1e-4, 10, 1e-6), 3.5,
				1.0, Runtime.getRuntime().availableProcessors(), 0);
	}

	public EnsembleOptions withUsers(Mixture value) {
		return new EnsembleOptions(this.userBiasDamping, this.itemBiasDamping, this.biasSweeps, value, this.items,
				this.aspects, this.likeThreshold, this.varianceScale, this.threads, this.seed);
	}

	public EnsembleOptions withItems(Mixture value) {
		return new EnsembleOptions(this.userBiasDamping, this.itemBiasDamping, this.biasSweeps, this.users, value,
				this.aspects, this.likeThreshold, this.varianceScale, this.threads, this.seed);
	}

	public EnsembleOptions withAspects(Aspects value) {
		return new EnsembleOptions(this.userBiasDamping, this.itemBiasDamping, this.biasSweeps, this.users, this.items,
				value, this.likeThreshold, this.varianceScale, this.threads, this.seed);
	}

	public EnsembleOptions withVarianceScale(double value) {
		return new EnsembleOptions(this.userBiasDamping, this.itemBiasDamping, this.biasSweeps, this.users, this.items,
				this.aspects, this.likeThreshold, value, this.threads, this.seed);
	}

	public EnsembleOptions withThreads(int value) {
		return new EnsembleOptions(this.userBiasDamping, this.itemBiasDamping, this.biasSweeps, this.users, this.items,
				this.aspects, this.likeThreshold, this.varianceScale, value, this.seed);
	}

	public EnsembleOptions withSeed(long value) {
		return new EnsembleOptions(this.userBiasDamping, this.itemBiasDamping, this.biasSweeps, this.users, this.items,
				this.aspects, this.likeThreshold, this.varianceScale, this.threads, value);
	}

	/**
	 * A Gaussian mixture part (A over users, B over items), fitted by the engine's EM
	 * ({@link MaximizationStep}) on the bias residuals with prior mean 0, weight prior
	 * (N_j + 1) / (n + K) and a tempered E-step, from a k-means++ start (random
	 * posteriors let the clusters of a tempered E-step collapse into one on users with
	 * few ratings, and scored a little worse on the validation splits of MovieLens 100K).
	 *
	 * @param clusters K; 0 turns the part off (only the item mixture may be off)
	 * @param restarts independent fits whose predictions are averaged
	 * @param meanPrior lambda of the MAP means {@code mu = S / (W + lambda)}; for the
	 * item mixture also the shrinkage of the per-user cluster means
	 * @param ratingWeight tempering rho of the E-step's rating log-likelihood
	 * @param varianceFloor lower bound on every cluster variance
	 * @param maxIterations upper bound on E-steps per restart
	 * @param tolerance stop when the objective gains at most this, relative
	 */
	public record Mixture(int clusters, int restarts, double meanPrior, double ratingWeight, double varianceFloor,
			int maxIterations, double tolerance) {

		/** Validates every field. */
		public Mixture {
			atLeast("clusters", clusters, 0);
			atLeast("restarts", restarts, 1);
			finitePositive("meanPrior", meanPrior);
			weight("ratingWeight", ratingWeight);
			finitePositive("varianceFloor", varianceFloor);
			atLeast("maxIterations", maxIterations, 1);
			finiteAtLeast("tolerance", tolerance, 0);
		}

		public Mixture withClusters(int value) {
			return new Mixture(value, this.restarts, this.meanPrior, this.ratingWeight, this.varianceFloor,
					this.maxIterations, this.tolerance);
		}

		public Mixture withRestarts(int value) {
			return new Mixture(this.clusters, value, this.meanPrior, this.ratingWeight, this.varianceFloor,
					this.maxIterations, this.tolerance);
		}

		public Mixture withRatingWeight(double value) {
			return new Mixture(this.clusters, this.restarts, this.meanPrior, value, this.varianceFloor,
					this.maxIterations, this.tolerance);
		}

		public Mixture withMaxIterations(int value) {
			return new Mixture(this.clusters, this.restarts, this.meanPrior, this.ratingWeight, this.varianceFloor,
					value, this.tolerance);
		}

		public boolean enabled() {
			return this.clusters > 0;
		}

		/**
		 * @param threads worker threads
		 * @param seed the restart's seed
		 * @return the engine options of one restart of this part
		 */
		EmOptions engineOptions(int threads, long seed) {
			return EmOptions.classic(this.clusters)
				.toBuilder()
				.maxIterations(this.maxIterations)
				.relativeTolerance(this.tolerance)
				.varianceFloor(this.varianceFloor)
				.meanPrior(this.meanPrior)
				.weightPrior(2)
				.ratingWeight(this.ratingWeight)
				.initialization(Initialization.KMEANS_PLUS_PLUS)
				.threads(threads)
				.seed(seed)
				.build();
		}

	}

	/**
	 * The aspect model (pLSA) part, {@link AspectRun}.
	 *
	 * @param clusters aspects K; 0 turns the part off (ranking then uses the predicted
	 * rating)
	 * @param restarts independent fits whose P(u rates i) are averaged
	 * @param userSmoothing pseudo-count alpha added to every aspect of a user
	 * @param itemSmoothing pseudo-count beta added to every item of an aspect
	 * @param maxIterations upper bound on iterations per restart
	 * @param minIterations iterations before the tolerance may stop a restart
	 * @param tolerance stop when the objective gains at most this, relative
	 * @param foldInIterations upper bound on EM steps of a user's fold-in
	 * @param foldInTolerance a fold-in stops when its objective gains at most this,
	 * relative
	 */
	public record Aspects(int clusters, int restarts, double userSmoothing, double itemSmoothing, int maxIterations,
			int minIterations, double tolerance, int foldInIterations,
			double foldInTolerance) implements java.io.Serializable {

		/** Validates every field. */
		public Aspects {
			atLeast("clusters", clusters, 0);
			atLeast("restarts", restarts, 1);
			finitePositive("userSmoothing", userSmoothing);
			finitePositive("itemSmoothing", itemSmoothing);
			atLeast("maxIterations", maxIterations, 1);
			check(minIterations >= 1 && minIterations <= maxIterations,
					"minIterations must be in 1..maxIterations, was " + minIterations);
			finiteAtLeast("tolerance", tolerance, 0);
			atLeast("foldInIterations", foldInIterations, 1);
			finiteAtLeast("foldInTolerance", foldInTolerance, 0);
		}

		public Aspects withClusters(int value) {
			return new Aspects(value, this.restarts, this.userSmoothing, this.itemSmoothing, this.maxIterations,
					this.minIterations, this.tolerance, this.foldInIterations, this.foldInTolerance);
		}

		public Aspects withRestarts(int value) {
			return new Aspects(this.clusters, value, this.userSmoothing, this.itemSmoothing, this.maxIterations,
					this.minIterations, this.tolerance, this.foldInIterations, this.foldInTolerance);
		}

		public Aspects withMaxIterations(int value) {
			return new Aspects(this.clusters, this.restarts, this.userSmoothing, this.itemSmoothing, value,
					Math.min(this.minIterations, value), this.tolerance, this.foldInIterations, this.foldInTolerance);
		}

		public boolean enabled() {
			return this.clusters > 0;
		}

	}

}
