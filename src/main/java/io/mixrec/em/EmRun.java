package io.mixrec.em;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * One restart of EM: initialisation, then E- and M-steps until convergence or the limit.
 */
final class EmRun {

	private final EmOptions options;

	/** The rows to fit, for k-means++; null when they live elsewhere. */
	private final @Nullable PassLayout layout;

	private final double[] priorMean;

	private final Parameters placeholder;

	private final MaximizationStep maximization;

	private final FitListener listener;

	private final long started;

	/**
	 * @param options the fit's options
	 * @param layout the rows to fit and their values
	 * @param priorMean the prior mean of every column's cluster means
	 * @param listener told of every objective; called from the thread of each restart
	 * @param started when the fit started, for the listener's elapsed time
	 */
	EmRun(EmOptions options, PassLayout layout, double[] priorMean, FitListener listener, long started) {
		RatingMatrix matrix = layout.matrix();
		this.options = options;
		this.layout = layout;
		this.priorMean = priorMean;
		this.placeholder = placeholder(options, priorMean, squares(matrix, layout.values(), priorMean),
				matrix.ratings(), matrix.itemCounts());
		this.maximization = new MaximizationStep(options, priorMean, matrix.users());
		this.listener = listener;
		this.started = started;
	}

	/**
	 * A restart whose rows live elsewhere ({@link DistributedEm}): the caller has summed
	 * what the placeholder needs, and k-means++ is not available.
	 * @param options the fit's options
	 * @param priorMean the prior mean of every column's cluster means
	 * @param users rows of the whole fit
	 * @param placeholder {@link #placeholder} of the whole fit
	 * @param listener told of every objective
	 * @param started when the fit started
	 */
	EmRun(EmOptions options, double[] priorMean, int users, Parameters placeholder, FitListener listener,
			long started) {
		this.options = options;
		this.layout = null;
		this.priorMean = priorMean;
		this.placeholder = placeholder;
		this.maximization = new MaximizationStep(options, priorMean, users);
		this.listener = listener;
		this.started = started;
	}

	/**
	 * Runs one restart; several may run at once, each on its own pass.
	 * @param pass the restart's pass; holds the posteriors of the last E-step afterwards
	 * @param restart index, for the listener
	 * @param random the restart's stream
	 * @param given starting parameters, or null to draw them
	 * @return the restart's result
	 */
	RestartResult restart(ExpectationStep pass, int restart, SplittableRandom random, @Nullable Parameters given) {
		Parameters current = initial(pass, random, given);
		Parameters next = current.copy();
		int limit = this.options.maxIterations();
		double[] trace = new double[limit];
		double previous = Double.NaN;
		boolean converged = false;
		double logLikelihood = 0;
		int t = 0;
		while (t < limit) {
			SufficientStatistics stats = pass.expectation(current);
			logLikelihood = stats.logLikelihood;
			double objective = logLikelihood + this.maximization.logPrior(current);
			trace[t++] = objective;
			this.listener.onIteration(restart, t, objective, System.nanoTime() - this.started);
			if (t > 1 && objective - previous <= this.options.relativeTolerance() * Math.abs(objective)) {
				converged = true;
				break;
			}
			previous = objective;
			if (t == limit) {
				break;
			}
			this.maximization.apply(stats, current, next);
			Parameters swap = current;
			current = next;
			next = swap;
		}
		return new RestartResult(current, Arrays.copyOf(trace, t), t, converged, trace[t - 1], logLikelihood);
	}

	private Parameters initial(ExpectationStep pass, SplittableRandom random, @Nullable Parameters given) {
		Parameters start = this.placeholder.copy();
		if (given != null) {
			System.arraycopy(given.weight, 0, start.weight, 0, start.clusters);
			System.arraycopy(given.variance, 0, start.variance, 0, start.clusters);
			System.arraycopy(given.mean, 0, start.mean, 0, start.mean.length);
			if (start.hasPresence() && given.hasPresence()) {
				System.arraycopy(given.presence, 0, start.presence, 0, start.presence.length);
			}
			return start.derive();
		}
		switch (this.options.initialization()) {
			case RANDOM_POSTERIOR -> {
				Parameters drawn = start.copy();
				this.maximization.apply(pass.randomPosteriors(random), start, drawn);
				return drawn;
			}
			case KMEANS_PLUS_PLUS -> {
				if (this.layout == null) {
					throw new UnsupportedOperationException("k-means++ needs every row in one place");
				}
				new KMeansPlusPlus(this.layout.matrix(), this.layout.values(), this.priorMean).seed(random, start);
				return start.derive();
			}
			default -> throw new IllegalStateException("GIVEN needs initial parameters");
		}
	}

	/**
	 * Uninformative parameters: equal weights, every mean at the prior mean, the variance
	 * of the data around it, presence proportional to smoothed item popularity. Random
	 * initialisation keeps a mean here where its weight is too small to move it.
	 * @param options the fit's options
	 * @param priorMean the prior mean per item
	 * @param squares the sum of squared offsets from the prior mean ({@link #squares})
	 * @param ratings the ratings fitted
	 * @param counts ratings per item
	 */
	static Parameters placeholder(EmOptions options, double[] priorMean, double squares, long ratings, int[] counts) {
		int k = options.clusters();
		int d = priorMean.length;
		Parameters p = new Parameters(k, d, options.presence(), options.presenceWeight(), options.ratingWeight());
		double variance = Math.max(options.varianceFloor(), (ratings > 0) ? squares / ratings : 1);
		Arrays.fill(p.weight, 1.0 / k);
		Arrays.fill(p.variance, variance);
		for (int i = 0; i < d; i++) {
			Arrays.fill(p.mean, i * k, (i + 1) * k, priorMean[i]);
		}
		if (p.hasPresence()) {
			double beta = options.presenceSmoothing();
			double total = ratings + d * beta;
			for (int i = 0; i < d; i++) {
				Arrays.fill(p.presence, i * k, (i + 1) * k, (counts[i] + beta) / total);
			}
		}
		return p.derive();
	}

	/**
	 * @return the sum over the rows of {@code matrix} of
	 * {@code (value - priorMean[item])^2}
	 */
	static double squares(RatingMatrix matrix, float[] values, double[] priorMean) {
		double squares = 0;
		for (int u = 0; u < matrix.users(); u++) {
			for (int q = matrix.start(u); q < matrix.end(u); q++) {
				double offset = values[q] - priorMean[matrix.item(q)];
				squares += offset * offset;
			}
		}
		return squares;
	}

	/**
	 * The result of one restart.
	 *
	 * @param parameters the parameters of the last E-step
	 * @param trace penalised objective per E-step
	 * @param iterations E-steps run
	 * @param converged whether the tolerance was met
	 * @param objective the last objective
	 * @param logLikelihood the last log-likelihood without the prior
	 */
	record RestartResult(Parameters parameters, double[] trace, int iterations, boolean converged, double objective,
			double logLikelihood) {
	}

}
