package io.mixrec.em;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Fits a {@link MixtureModel} to a rating matrix with EM.
 *
 * <p>
 * One iteration is two sweeps over the ratings ({@link BlockedPass}): the E-step under
 * the current parameters ({@link Parameters#logJoint}) yields each user's posterior, kept
 * in a users x K table, and the item sweep sums the posteriors into the M-step's
 * statistics ({@link SufficientStatistics}); an iteration costs O(ratings x K). The
 * M-step and the monotone objective are documented in {@link MaximizationStep}. The loop
 * stops when {@code objective_t - objective_(t-1) <= tol * |objective_t|}; the returned
 * model is the one whose E-step produced the final objective.
 *
 * <p>
 * Restarts use independent random streams split from the master seed and the best
 * objective wins. The fit owns a thread pool of {@code options.threads()} and waits for
 * its threads to end before returning; results are identical for any thread count and
 * either {@link Kernels}. The listener is called after every E-step.
 */
public final class MixtureFitter extends FitControls<MixtureFitter, FitListener> {

	static final int MIN_BLOCK_USERS = 256;

	private final EmOptions options;

	private int blockUsers;

	private int sweepUsers;

	/**
	 * @param options validated options
	 */
	public MixtureFitter(EmOptions options) {
		super(FitListener.NONE);
		this.options = options;
	}

	/**
	 * Overrides the users per block (tests use it to get many blocks from small data).
	 */
	MixtureFitter blockUsers(int users) {
		this.blockUsers = users;
		return this;
	}

	/**
	 * Overrides the users per block of the M-step's item sweep (tests: many blocks from
	 * small data must not change a bit).
	 */
	MixtureFitter sweepUsers(int users) {
		this.sweepUsers = users;
		return this;
	}

	/**
	 * Fits from the initialisation the options name.
	 * @param matrix training ratings
	 * @return the best restart
	 */
	public FitResult fit(RatingMatrix matrix) {
		if (this.options.initialization() == Initialization.GIVEN) {
			throw new IllegalArgumentException(
					"initialization GIVEN needs initial parameters: use fit(matrix, initial)");
		}
		return run(matrix, null);
	}

	/**
	 * Fits starting from given parameters (warm start); the baseline is refitted from the
	 * data.
	 * @param matrix training ratings; its columns must be the initial model's items
	 * @param initial starting parameters with the options' cluster count
	 * @return the fit
	 */
	public FitResult fit(RatingMatrix matrix, MixtureModel initial) {
		if (initial.clusters() != this.options.clusters() || initial.items() != matrix.items()) {
			throw new IllegalArgumentException("initial model has " + initial.clusters() + " clusters and "
					+ initial.items() + " items, expected " + this.options.clusters() + " and " + matrix.items());
		}
		return run(matrix, initial);
	}

	private FitResult run(RatingMatrix matrix, @Nullable MixtureModel initial) {
		long started = System.nanoTime();
		EmOptions o = this.options;
		Baseline baseline;
		float[] values;
		double[] priorMean;
		if (o.centering()) {
			Baseline.Fit biases = Baseline.fit(matrix, o.userBiasDamping(), o.itemBiasDamping(), o.biasSweeps());
			baseline = biases.baseline();
			values = residuals(matrix, biases);
			priorMean = new double[matrix.items()];
		}
		else {
			baseline = Baseline.none(matrix.items());
			values = matrix.valueArray();
			priorMean = itemMeans(matrix);
		}
		PassLayout layout = layout(matrix, values, o.clusters());
		try (FitPool workers = new FitPool("em", o.threads())) {
			BlockedPass pass = new BlockedPass(layout, o.clusters(), workers.executor(), o.threads(), this.kernels,
					this.cancelled);
			EmRun run = new EmRun(o, layout, priorMean, this.listener, started);
			SplittableRandom master = new SplittableRandom(o.seed());
			int restarts = (initial != null) ? 1 : o.restarts();
			EmRun.RestartResult best = null;
			int[] bestClusterUsers = new int[0];
			int bestRestart = 0;
			long bestSeed = 0;
			double[] objectives = new double[restarts];
			int totalIterations = 0;
			for (int r = 0; r < restarts; r++) {
				long streamSeed = master.nextLong();
				EmRun.RestartResult outcome = run.restart(pass, r, new SplittableRandom(streamSeed),
						(initial != null) ? initial.parameters() : null);
				objectives[r] = outcome.objective();
				totalIterations += outcome.iterations();
				if (best == null || outcome.objective() > best.objective()) {
					best = outcome;
					// the pass holds this restart's posteriors until the next one starts
					bestClusterUsers = pass.clusterUsers();
					bestRestart = r;
					bestSeed = streamSeed;
				}
			}
			Objects.requireNonNull(best, "no restart ran");
			MixtureModel model = MixtureModel.own(best.parameters(), baseline, o.likeThreshold(), this.kernels);
			double bic = -2 * best.logLikelihood() + freeParameters(matrix, o) * Math.log(Math.max(1, matrix.users()));
			return new FitResult(model, bestClusterUsers, o, bestSeed, bestRestart, best.iterations(), totalIterations,
					best.converged(), best.trace(), best.objective(), best.logLikelihood(), bic, objectives,
					System.nanoTime() - started);
		}
	}

	/**
	 * The blocks and columns of a fit of {@code matrix} with K clusters, honouring the
	 * test overrides of the block sizes.
	 */
	PassLayout layout(RatingMatrix matrix, float[] values, int clusters) {
		int block = (this.blockUsers > 0) ? this.blockUsers
				: PassLayout.defaultBlockUsers(matrix.users(), MIN_BLOCK_USERS);
		int sweep = (this.sweepUsers > 0) ? this.sweepUsers : PassLayout.defaultSweepUsers(clusters);
		return new PassLayout(matrix, values, block, sweep);
	}

	/**
	 * Parameters counted by BIC: K - 1 weights, K variances, a mean per cluster and rated
	 * item, and with the presence model K x (rated items - 1) probabilities.
	 */
	static long freeParameters(RatingMatrix matrix, EmOptions o) {
		return freeParameters(matrix.itemCounts(), o);
	}

	/** {@link #freeParameters(RatingMatrix, EmOptions)} from the ratings per item. */
	static long freeParameters(int[] itemCounts, EmOptions o) {
		long rated = Arrays.stream(itemCounts).filter((c) -> c > 0).count();
		long k = o.clusters();
		long count = (k - 1) + k + k * rated;
		if (o.presence()) {
			count += k * Math.max(0, rated - 1);
		}
		return count;
	}

	/** r_ui - g - b_u - b_i at every position of the matrix. */
	static float[] residuals(RatingMatrix matrix, Baseline.Fit biases) {
		float[] residual = new float[matrix.ratings()];
		double[] userBias = biases.userBias();
		for (int u = 0; u < matrix.users(); u++) {
			for (int p = matrix.start(u); p < matrix.end(u); p++) {
				residual[p] = (float) (matrix.value(p) - biases.baseline().predict(userBias[u], matrix.item(p)));
			}
		}
		return residual;
	}

	/** Each item's mean rating, or the global mean for an item without ratings. */
	static double[] itemMeans(RatingMatrix matrix) {
		double[] sum = new double[matrix.items()];
		int[] count = matrix.itemCounts();
		for (int p = 0; p < matrix.ratings(); p++) {
			sum[matrix.item(p)] += matrix.value(p);
		}
		double global = matrix.mean();
		for (int i = 0; i < sum.length; i++) {
			sum[i] = (count[i] > 0) ? sum[i] / count[i] : global;
		}
		return sum;
	}

}
