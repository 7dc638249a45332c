package io.mixrec.em;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * One restart of the aspect model (Hofmann's pLSA) over which items users rate:
 * {@code P(i | u) = sum_z theta_uz phi_zi}, each observed pair (u, i) drawn from an
 * aspect z of its own. Ratings' values play no part.
 *
 * <p>
 * EM with Dirichlet smoothing (alpha for the users' aspect weights, beta for the aspects'
 * item distributions). Given theta and phi, for every rated pair
 *
 * <pre>
 * P_ui   = sum_z theta_uz phi_zi                       q_uiz = theta_uz phi_zi / P_ui
 * theta'_uz = (sum_{i in C_u} q_uiz + alpha) / (|C_u| + K alpha)
 * phi'_zi   = (sum_{u in R_i} q_uiz + beta) / (sum_i' sum_u q_ui'z + D beta)
 * </pre>
 *
 * Each update maximises the expected complete-data log-likelihood plus the log-prior
 * {@code alpha sum_uz log theta_uz + beta sum_zi log phi_zi}, so the MAP objective
 *
 * <pre>
 * L = sum_{(u,i)} log P_ui + alpha sum_{u,z} log theta_uz + beta sum_{z,i} log phi_zi
 * </pre>
 *
 * never decreases. A user without ratings gets theta_uz = 1/K.
 *
 * <p>
 * Cost per iteration O(ratings x K), in two sweeps like {@link BlockedPass}: the user
 * sweep computes every P_ui (stored as 1/P_ui, a float per rating), L and the new theta
 * row by row over fixed blocks of users; the item sweep sums {@code sum_{u in R_i}
 * theta_uz / P_ui} per item over the ratings by column (the layout's {@link ItemColumns},
 * users blocked so that theta rows stay in cache) and multiplies by phi_zi. Every sum
 * runs in a fixed order, so any thread count gives the same bits. Memory: theta twice
 * (users x K), phi twice (items x K), 4 bytes per rating.
 */
final class AspectRun {

	private final PassLayout layout;

	private final EnsembleOptions.Aspects options;

	private final ExecutorService executor;

	private final BooleanSupplier cancelled;

	private final int k;

	private final int threads;

	/**
	 * @param layout rows and blocks of the ratings
	 * @param options the part's options
	 * @param executor worker threads
	 * @param threads how many; at most threads + 1 blocks are in flight
	 * @param cancelled polled between blocks
	 */
	AspectRun(PassLayout layout, EnsembleOptions.Aspects options, ExecutorService executor, int threads,
			BooleanSupplier cancelled) {
		this.layout = layout;
		this.threads = threads;
		this.options = options;
		this.executor = executor;
		this.cancelled = cancelled;
		this.k = options.clusters();
	}

	/**
	 * Fits one restart from a random start: every user's theta drawn from a flat
	 * Dirichlet, every item's aspect counts as if each of its ratings had a
	 * flat-Dirichlet q (a Gamma draw with that sum's mean and variance).
	 * @param restart index, for the listener
	 * @param random the restart's stream
	 * @param listener told of every objective
	 * @param started when the fit started, for the listener
	 * @return the parameters of the last E-step and the objective trace
	 */
	AspectResult run(int restart, SplittableRandom random, FitListener listener, long started) {
		RatingMatrix matrix = this.layout.matrix();
		double[] theta = new double[Math.multiplyExact(matrix.users(), this.k)];
		double[] counts = new double[Math.multiplyExact(matrix.items(), this.k)];
		initialise(random, theta, counts);
		double[] phi = new double[counts.length];
		normalisePhi(counts, phi, this.k, this.options.itemSmoothing());
		return iterate(restart, theta, phi, listener, started);
	}

	/**
	 * Fits from given parameters.
	 * @param restart index, for the listener
	 * @param theta theta_uz user-major; the array is used as work space
	 * @param phi phi_zi item-major; the array is used as work space
	 * @param listener told of every objective
	 * @param started when the fit started, for the listener
	 * @return the parameters of the last E-step and the objective trace
	 */
	AspectResult iterate(int restart, double[] theta, double[] phi, FitListener listener, long started) {
		LocalSweep sweep = new LocalSweep(theta, window(phi.length));
		Trace trace = iterate(this.options, phi, sweep, restart, listener, started);
		return new AspectResult(phi, sweep.current, trace.objectives(), trace.iterations(), trace.converged());
	}

	/**
	 * The iterations of one restart, wherever its users' sweeps run
	 * ({@link DistributedAspects}): the objective, the convergence test, the phi update.
	 * @param options the part's options
	 * @param phi the starting phi; holds the last E-step's afterwards
	 * @param sweep the users' E-step
	 * @param restart index, for the listener
	 * @param listener told of every objective
	 * @param started when the fit started, for the listener
	 * @return the objectives
	 */
	static Trace iterate(EnsembleOptions.Aspects options, double[] phi, Sweep sweep, int restart, FitListener listener,
			long started) {
		double[] counts = new double[phi.length];
		int limit = options.maxIterations();
		double[] trace = new double[limit];
		double previous = Double.NaN;
		boolean converged = false;
		int t = 0;
		while (true) {
			double objective = options.itemSmoothing() * sumOfLogs(phi) + sweep.run(phi, counts);
			trace[t++] = objective;
			listener.onIteration(restart, t, objective, System.nanoTime() - started);
			if (t >= Math.max(2, options.minIterations())
					&& objective - previous <= options.tolerance() * Math.abs(objective)) {
				converged = true;
				break;
			}
			previous = objective;
			if (t == limit) {
				break;
			}
			updatePhi(counts, phi, options.clusters(), options.itemSmoothing());
			sweep.advance();
		}
		return new Trace(Arrays.copyOf(trace, t), t, converged);
	}

	/**
	 * One E-step over the users of this run's layout, on the calling thread's executor
	 * ({@link DistributedAspects} runs it on a part of the users).
	 * @param theta the users' theta
	 * @param next their next theta, written
	 * @param phi phi
	 * @param counts {@code sum_u theta_uz / P_ui} per item, written
	 * @return the log-likelihood plus alpha sum log theta of these users
	 */
	double sweep(double[] theta, double[] next, double[] phi, double[] counts) {
		return sweep(theta, next, phi, counts, window(phi.length));
	}

	private Block[] window(int size) {
		Block[] window = new Block[Math.min(this.layout.blocks(), this.threads + 1)];
		for (int w = 0; w < window.length; w++) {
			window[w] = new Block(size);
		}
		return window;
	}

	/**
	 * The E-step under (theta, phi) over every block of users, at most one block per
	 * accumulator of the window in flight; blocks are merged in block order.
	 * @return the log-likelihood plus alpha sum log theta
	 */
	private double sweep(double[] theta, double[] next, double[] phi, double[] counts, Block[] window) {
		int blocks = this.layout.blocks();
		@SuppressWarnings("unchecked")
		Future<Block>[] pending = new Future[blocks];
		for (int b = 0; b < window.length; b++) {
			pending[b] = submit(b, window[b], theta, next, phi);
		}
		Arrays.fill(counts, 0);
		double objective = 0;
		for (int b = 0; b < blocks; b++) {
			Block done = Tasks.await(pending, b);
			double[] partial = done.counts;
			for (int q = 0; q < counts.length; q++) {
				counts[q] += partial[q];
			}
			objective += done.likelihood + this.options.userSmoothing() * done.logTheta;
			if (b + window.length < blocks) {
				pending[b + window.length] = submit(b + window.length, done, theta, next, phi);
			}
		}
		return objective;
	}

	private Future<Block> submit(int b, Block block, double[] theta, double[] next, double[] phi) {
		return this.executor.submit(() -> {
			if (this.cancelled.getAsBoolean()) {
				throw new CancellationException("fit cancelled");
			}
			userBlock(b, theta, next, phi, block);
			return block;
		});
	}

	private void initialise(SplittableRandom random, double[] theta, double[] counts) {
		RatingMatrix matrix = this.layout.matrix();
		drawTheta(random, theta, matrix.users(), this.k);
		drawCounts(random, counts, matrix.itemCounts(), this.k);
	}

	/** Draws every user's theta from a flat Dirichlet, K draws per user in user order. */
	static void drawTheta(SplittableRandom random, double[] theta, int users, int k) {
		for (int u = 0; u < users; u++) {
			double sum = 0;
			for (int z = 0; z < k; z++) {
				double draw = -Math.log(1 - random.nextDouble());
				theta[u * k + z] = draw;
				sum += draw;
			}
			for (int z = 0; z < k; z++) {
				theta[u * k + z] /= sum;
			}
		}
	}

	/** Draws every item's aspect counts, after the users' theta in the same stream. */
	static void drawCounts(SplittableRandom random, double[] counts, int[] itemCounts, int k) {
		// a component of a flat Dirichlet has mean 1/K and variance
		// (K - 1) / (K^2 (K + 1)); the sum of c of them is drawn as a Gamma with the
		// same mean and variance
		double scale = (k > 1) ? (k - 1.0) / (k * (k + 1.0)) : 1;
		for (int i = 0; i < itemCounts.length; i++) {
			int c = itemCounts[i];
			for (int z = 0; z < k; z++) {
				counts[i * k + z] = (c == 0) ? 0 : (k > 1) ? scale * Gamma.draw(random, c / (k * scale)) : c;
			}
		}
	}

	/**
	 * The E-step of users in block b under (theta, phi): the block's log-likelihood, sum
	 * of log theta and expected aspect counts per item before the factor phi
	 * ({@code sum_u theta_uz / P_ui}), and the users' new theta rows.
	 */
	private void userBlock(int b, double[] theta, double[] next, double[] phi, Block block) {
		RatingMatrix matrix = this.layout.matrix();
		int[] item = matrix.itemArray();
		int k = this.k;
		double alpha = this.options.userSmoothing();
		double[] sum = new double[k];
		double[] weight = new double[16];
		double[] counts = block.counts;
		Arrays.fill(counts, 0);
		LogProduct ll = new LogProduct();
		LogProduct lt = new LogProduct();
		for (int u = this.layout.blockStart(b); u < this.layout.blockStart(b + 1); u++) {
			int row = u * k;
			int from = matrix.start(u);
			int to = matrix.end(u);
			if (weight.length < to - from) {
				weight = new double[Math.max(to - from, 2 * weight.length)];
			}
			for (int p = from; p < to; p++) {
				double probability = dot(theta, row, phi, item[p] * k, k);
				ll.add(probability);
				weight[p - from] = 1 / probability;
			}
			AspectKernels.weightedRowSums(phi, k, item, from, to, weight, sum);
			AspectKernels.scatter(theta, row, k, item, from, to, weight, counts);
			double denominator = (to - from) + k * alpha;
			for (int z = 0; z < k; z++) {
				lt.add(theta[row + z]);
				next[row + z] = (theta[row + z] * sum[z] + alpha) / denominator;
			}
		}
		block.likelihood = ll.log();
		block.logTheta = lt.log();
	}

	/**
	 * {@code sum_z a[i + z] b[j + z]} in four interleaved partial sums, so the additions
	 * do not wait on each other; a fixed order, so the same bits on every run.
	 */
	static double dot(double[] a, int i, double[] b, int j, int k) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int z = 0;
		for (; z + 4 <= k; z += 4) {
			s0 += a[i + z] * b[j + z];
			s1 += a[i + z + 1] * b[j + z + 1];
			s2 += a[i + z + 2] * b[j + z + 2];
			s3 += a[i + z + 3] * b[j + z + 3];
		}
		for (; z < k; z++) {
			s0 += a[i + z] * b[j + z];
		}
		return (s0 + s1) + (s2 + s3);
	}

	/**
	 * phi_zi = (phi_zi W_iz + beta) / (sum_i phi_zi W_iz + D beta) with {@code W_iz =
	 * sum_{u in R_i} theta_uz / P_ui}, summed in item order.
	 */
	static void updatePhi(double[] counts, double[] phi, int k, double beta) {
		for (int q = 0; q < counts.length; q++) {
			counts[q] *= phi[q];
		}
		normalisePhi(counts, phi, k, beta);
	}

	/** phi_zi = (counts_iz + beta) / (sum_i counts_iz + D beta), summed in item order. */
	static void normalisePhi(double[] counts, double[] phi, int k, double beta) {
		int d = counts.length / k;
		double[] total = new double[k];
		for (int i = 0; i < d; i++) {
			for (int z = 0; z < k; z++) {
				total[z] += counts[i * k + z];
			}
		}
		for (int z = 0; z < k; z++) {
			total[z] += d * beta;
		}
		for (int i = 0; i < d; i++) {
			for (int z = 0; z < k; z++) {
				phi[i * k + z] = (counts[i * k + z] + beta) / total[z];
			}
		}
	}

	private static double sumOfLogs(double[] values) {
		LogProduct sum = new LogProduct();
		for (double v : values) {
			sum.add(v);
		}
		return sum.log();
	}

	/** One block's sums, reused for the blocks after it. */
	private static final class Block {

		final double[] counts;

		double likelihood;

		double logTheta;

		Block(int size) {
			this.counts = new double[size];
		}

	}

	/** The sweep over this run's layout, theta kept in two arrays used in turn. */
	private final class LocalSweep implements Sweep {

		private final Block[] window;

		private double[] current;

		private double[] next;

		LocalSweep(double[] theta, Block[] window) {
			this.current = theta;
			this.next = new double[theta.length];
			this.window = window;
		}

		@Override
		public double run(double[] phi, double[] counts) {
			return sweep(this.current, this.next, phi, counts, this.window);
		}

		@Override
		public void advance() {
			double[] swap = this.current;
			this.current = this.next;
			this.next = swap;
		}

	}

	/**
	 * The users' E-step of one iteration and the step to the next.
	 */
	interface Sweep {

		/**
		 * @param phi the current phi
		 * @param counts {@code sum_u theta_uz / P_ui} per item, written
		 * @return the log-likelihood plus alpha sum log theta
		 */
		double run(double[] phi, double[] counts);

		/** Makes the theta the last run computed the current one. */
		void advance();

	}

	/**
	 * @param objectives the objective L after every E-step
	 * @param iterations E-steps run
	 * @param converged whether the tolerance stopped it
	 */
	record Trace(double[] objectives, int iterations, boolean converged) {
	}

	/**
	 * One restart's result.
	 *
	 * @param phi phi_zi item-major ({@code phi[i * K + z]}) of the last E-step
	 * @param theta theta_uz user-major of the last E-step
	 * @param trace the objective L after every E-step
	 * @param iterations E-steps run
	 * @param converged whether the tolerance stopped it
	 */
	record AspectResult(double[] phi, double[] theta, double[] trace, int iterations, boolean converged) {
	}

}
