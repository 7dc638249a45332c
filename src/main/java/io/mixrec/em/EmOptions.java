package io.mixrec.em;

import static io.mixrec.em.OptionChecks.atLeast;
import static io.mixrec.em.OptionChecks.finite;
import static io.mixrec.em.OptionChecks.finiteAtLeast;
import static io.mixrec.em.OptionChecks.finitePositive;
import static io.mixrec.em.OptionChecks.weight;

/**
 * Options of the one EM the engine implements; {@link #classic} turns every extension off
 * and reproduces the textbook method, {@link #defaults} is the tuned preset.
 *
 * @param clusters number of mixture components K
 * @param maxIterations upper bound on E-steps; a fit that reaches it is reported as not
 * converged
 * @param relativeTolerance stop when
 * {@code objective_t - objective_(t-1) <= tol * |objective_t|}
 * @param varianceFloor lower bound on every cluster variance
 * @param meanUpdateMinWeight without a mean prior, a cluster mean of an item is updated
 * only when the cluster's posterior weight on that item is at least this (classic: 1)
 * @param centering fit damped user and item biases first and run EM on the residuals
 * @param userBiasDamping pseudo-count pulling user biases to 0
 * @param itemBiasDamping pseudo-count pulling item biases to 0
 * @param biasSweeps alternating bias sweeps (items, then users)
 * @param meanPrior strength lambda of the Gaussian prior of cluster means, in
 * pseudo-ratings (0 = off)
 * @param weightPrior Dirichlet concentration alpha on the weights (1 = off)
 * @param presence model which items a user rates with a per-cluster multinomial
 * @param presenceSmoothing Dirichlet smoothing beta of the presence multinomials
 * @param presenceWeight tempering tau on the presence log-likelihood
 * @param ratingWeight tempering on the rating log-likelihood in the E-step (1 = off): a
 * weight below 1 softens the user posteriors, which then mix several clusters
 * @param likeThreshold rating above which an item counts as liked, for the ranking score
 * @param initialization how starting parameters are chosen
 * @param restarts independent initialisations; the best objective wins
 * @param threads worker threads of the fit; results do not depend on it
 * @param seed master seed; restart r uses the r-th split of it
 */
public record EmOptions(int clusters, int maxIterations, double relativeTolerance, double varianceFloor,
		double meanUpdateMinWeight, boolean centering, double userBiasDamping, double itemBiasDamping, int biasSweeps,
		double meanPrior, double weightPrior, boolean presence, double presenceSmoothing, double presenceWeight,
		double ratingWeight, double likeThreshold, Initialization initialization, int restarts, int threads,
		long seed) implements FitOptions {

	/** Validates every field; messages name the offending value. */
	public EmOptions {
		atLeast("clusters", clusters, 1);
		atLeast("maxIterations", maxIterations, 1);
		finiteAtLeast("relativeTolerance", relativeTolerance, 0);
		finitePositive("varianceFloor", varianceFloor);
		finiteAtLeast("meanUpdateMinWeight", meanUpdateMinWeight, 0);
		finiteAtLeast("userBiasDamping", userBiasDamping, 0);
		finiteAtLeast("itemBiasDamping", itemBiasDamping, 0);
		atLeast("biasSweeps", biasSweeps, 1);
		finiteAtLeast("meanPrior", meanPrior, 0);
		finiteAtLeast("weightPrior", weightPrior, 1);
		finitePositive("presenceSmoothing", presenceSmoothing);
		finitePositive("presenceWeight", presenceWeight);
		weight("ratingWeight", ratingWeight);
		finite("likeThreshold", likeThreshold);
		atLeast("restarts", restarts, 1);
		atLeast("threads", threads, 1);
	}

	/**
	 * The classic method of design.md 1.1: spherical components on raw ratings, variance
	 * floor 0.25, a mean moves only where its weight is at least 1, relative tolerance
	 * 1e-6.
	 * @param clusters K
	 * @return the options
	 */
	public static EmOptions classic(int clusters) {
		return new Builder(clusters).build();
	}

	/**
	 * The tuned preset: EM on residuals of damped biases, mean prior, presence model. See
	 * README "Evaluating quality" for how it was chosen.
	 * @param clusters K
	 * @return the options
	 */
	public static EmOptions defaults(int clusters) {
		return new Builder(clusters).maxIterations(200)
			.varianceFloor(0.05)
			.centering(true)
			.userBiasDamping(10)
			.itemBiasDamping(5)
			.biasSweeps(10)
			.meanPrior(20)
			.presence(true)
			.presenceSmoothing(0.1)
			.presenceWeight(0.3)
			.build();
	}

	/**
	 * @param clusters K
	 * @return a builder starting from the {@link #classic} options
	 */
	public static Builder builder(int clusters) {
		return new Builder(clusters);
	}

	/**
	 * @return a builder starting from these options
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	private static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Options by name: from the classic preset ({@link EmOptions#builder}) or a copy of
	 * other options ({@link EmOptions#toBuilder}) with some fields changed;
	 * {@link #build} validates.
	 */
	public static final class Builder {

		private int clusters;

		private int maxIterations;

		private double relativeTolerance;

		private double varianceFloor;

		private double meanUpdateMinWeight;

		private boolean centering;

		private double userBiasDamping;

		private double itemBiasDamping;

		private int biasSweeps;

		private double meanPrior;

		private double weightPrior;

		private boolean presence;

		private double presenceSmoothing;

		private double presenceWeight;

		private double ratingWeight;

		private double likeThreshold;

		private Initialization initialization;

		private int restarts;

		private int threads;

		private long seed;

		/** The classic method: every extension off, each setting named. */
		private Builder(int clusters) {
			this.clusters = clusters;
			this.maxIterations = 1000;
			this.relativeTolerance = 1e-6;
			this.varianceFloor = 0.25;
			this.meanUpdateMinWeight = 1.0;
			this.centering = false;
			this.userBiasDamping = 0;
			this.itemBiasDamping = 0;
			this.biasSweeps = 1;
			this.meanPrior = 0;
			this.weightPrior = 1;
			this.presence = false;
			this.presenceSmoothing = 1;
			this.presenceWeight = 1;
			this.ratingWeight = 1;
			this.likeThreshold = 3.5;
			this.initialization = Initialization.RANDOM_POSTERIOR;
			this.restarts = 1;
			this.threads = defaultThreads();
			this.seed = 0;
		}

		private Builder(EmOptions o) {
			this.clusters = o.clusters;
			this.maxIterations = o.maxIterations;
			this.relativeTolerance = o.relativeTolerance;
			this.varianceFloor = o.varianceFloor;
			this.meanUpdateMinWeight = o.meanUpdateMinWeight;
			this.centering = o.centering;
			this.userBiasDamping = o.userBiasDamping;
			this.itemBiasDamping = o.itemBiasDamping;
			this.biasSweeps = o.biasSweeps;
			this.meanPrior = o.meanPrior;
			this.weightPrior = o.weightPrior;
			this.presence = o.presence;
			this.presenceSmoothing = o.presenceSmoothing;
			this.presenceWeight = o.presenceWeight;
			this.ratingWeight = o.ratingWeight;
			this.likeThreshold = o.likeThreshold;
			this.initialization = o.initialization;
			this.restarts = o.restarts;
			this.threads = o.threads;
			this.seed = o.seed;
		}

		public Builder clusters(int value) {
			this.clusters = value;
			return this;
		}

		public Builder maxIterations(int value) {
			this.maxIterations = value;
			return this;
		}

		public Builder relativeTolerance(double value) {
			this.relativeTolerance = value;
			return this;
		}

		public Builder varianceFloor(double value) {
			this.varianceFloor = value;
			return this;
		}

		public Builder meanUpdateMinWeight(double value) {
			this.meanUpdateMinWeight = value;
			return this;
		}

		public Builder centering(boolean value) {
			this.centering = value;
			return this;
		}

		public Builder userBiasDamping(double value) {
			this.userBiasDamping = value;
			return this;
		}

		public Builder itemBiasDamping(double value) {
			this.itemBiasDamping = value;
			return this;
		}

		public Builder biasSweeps(int value) {
			this.biasSweeps = value;
			return this;
		}

		public Builder meanPrior(double value) {
			this.meanPrior = value;
			return this;
		}

		public Builder weightPrior(double value) {
			this.weightPrior = value;
			return this;
		}

		public Builder presence(boolean value) {
			this.presence = value;
			return this;
		}

		public Builder presenceSmoothing(double value) {
			this.presenceSmoothing = value;
			return this;
		}

		public Builder presenceWeight(double value) {
			this.presenceWeight = value;
			return this;
		}

		public Builder ratingWeight(double value) {
			this.ratingWeight = value;
			return this;
		}

		public Builder likeThreshold(double value) {
			this.likeThreshold = value;
			return this;
		}

		public Builder initialization(Initialization value) {
			this.initialization = value;
			return this;
		}

		public Builder restarts(int value) {
			this.restarts = value;
			return this;
		}

		public Builder threads(int value) {
			this.threads = value;
			return this;
		}

		public Builder seed(long value) {
			this.seed = value;
			return this;
		}

		/**
		 * @return validated options
		 */
		public EmOptions build() {
			return new EmOptions(this.clusters, this.maxIterations, this.relativeTolerance, this.varianceFloor,
					this.meanUpdateMinWeight, this.centering, this.userBiasDamping, this.itemBiasDamping,
					this.biasSweeps, this.meanPrior, this.weightPrior, this.presence, this.presenceSmoothing,
					this.presenceWeight, this.ratingWeight, this.likeThreshold, this.initialization, this.restarts,
					this.threads, this.seed);
		}

	}

}
