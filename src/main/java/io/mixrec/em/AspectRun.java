package io.mixrec.em;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
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

	private final int[] rowPosition;

	private final EnsembleOptions.Aspects options;

	private final ExecutorService executor;

	private final BooleanSupplier cancelled;

	private final int k;

	/**
	 * @param layout rows, blocks and columns of the ratings
	 * @param rowPosition {@link ItemColumns#rowPositions} of the layout's matrix
	 * @param options the part's options
	 * @param executor worker threads
	 * @param cancelled polled between blocks
	 */
	AspectRun(PassLayout layout, int[] rowPosition, EnsembleOptions.Aspects options, ExecutorService executor,
			BooleanSupplier cancelled) {
		this.layout = layout;
		this.rowPosition = rowPosition;
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
	Outcome run(int restart, SplittableRandom random, FitListener listener, long started) {
		RatingMatrix matrix = this.layout.matrix();
		double[] theta = new double[Math.multiplyExact(matrix.users(), this.k)];
		double[] counts = new double[Math.multiplyExact(matrix.items(), this.k)];
		initialise(random, theta, counts);
		double[] phi = new double[counts.length];
		normalisePhi(counts, phi);
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
	Outcome iterate(int restart, double[] theta, double[] phi, FitListener listener, long started) {
		RatingMatrix matrix = this.layout.matrix();
		double[] nextTheta = new double[theta.length];
		double[] counts = new double[phi.length];
		float[] inverse = new float[matrix.ratings()];
		int blocks = this.layout.blocks();
		double[] blockLikelihood = new double[blocks];
		double[] blockTheta = new double[blocks];
		int limit = this.options.maxIterations();
		double[] trace = new double[limit];
		double previous = Double.NaN;
		boolean converged = false;
		int t = 0;
		while (true) {
			double[] current = theta;
			double[] updated = nextTheta;
			double[] items = phi;
			Tasks.each(this.executor, blocks,
					(b) -> userBlock(b, current, updated, items, inverse, blockLikelihood, blockTheta), this.cancelled);
			double objective = this.options.itemSmoothing() * sumOfLogs(phi);
			for (int b = 0; b < blocks; b++) {
				objective += blockLikelihood[b] + this.options.userSmoothing() * blockTheta[b];
			}
			trace[t++] = objective;
			listener.onIteration(restart, t, objective, System.nanoTime() - started);
			if (t >= Math.max(2, this.options.minIterations())
					&& objective - previous <= this.options.tolerance() * Math.abs(objective)) {
				converged = true;
				break;
			}
			previous = objective;
			if (t == limit) {
				break;
			}
			Tasks.each(this.executor, this.layout.chunks(), (c) -> itemChunk(c, current, items, inverse, counts),
					this.cancelled);
			normalisePhi(counts, phi);
			theta = updated;
			nextTheta = current;
		}
		return new Outcome(phi, theta, Arrays.copyOf(trace, t), t, converged);
	}

	private void initialise(SplittableRandom random, double[] theta, double[] counts) {
		RatingMatrix matrix = this.layout.matrix();
		int k = this.k;
		for (int u = 0; u < matrix.users(); u++) {
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
		// a component of a flat Dirichlet has mean 1/K and variance (K - 1) / (K^2 (K +
		// 1));
		// the sum of c of them is drawn as a Gamma with the same mean and variance
		double scale = (k > 1) ? (k - 1.0) / (k * (k + 1.0)) : 1;
		int[] itemCounts = matrix.itemCounts();
		for (int i = 0; i < matrix.items(); i++) {
			int c = itemCounts[i];
			for (int z = 0; z < k; z++) {
				counts[i * k + z] = (c == 0) ? 0 : (k > 1) ? scale * Gamma.draw(random, c / (k * scale)) : c;
			}
		}
	}

	/**
	 * The E-step of users in block b under (theta, phi): 1/P_ui per rating, the block's
	 * log-likelihood and sum of log theta, and the new theta rows.
	 */
	private void userBlock(int b, double[] theta, double[] next, double[] phi, float[] inverse, double[] likelihood,
			double[] logTheta) {
		RatingMatrix matrix = this.layout.matrix();
		int[] item = matrix.itemArray();
		int k = this.k;
		double alpha = this.options.userSmoothing();
		double[] sum = new double[k];
		double ll = 0;
		double lt = 0;
		for (int u = this.layout.blockStart(b); u < this.layout.blockStart(b + 1); u++) {
			int row = u * k;
			Arrays.fill(sum, 0);
			for (int p = matrix.start(u); p < matrix.end(u); p++) {
				int base = item[p] * k;
				double probability = 0;
				for (int z = 0; z < k; z++) {
					probability += theta[row + z] * phi[base + z];
				}
				double inv = 1 / probability;
				ll += Math.log(probability);
				inverse[p] = (float) inv;
				for (int z = 0; z < k; z++) {
					sum[z] += phi[base + z] * inv;
				}
			}
			double denominator = matrix.count(u) + k * alpha;
			for (int z = 0; z < k; z++) {
				lt += Math.log(theta[row + z]);
				next[row + z] = (theta[row + z] * sum[z] + alpha) / denominator;
			}
		}
		likelihood[b] = ll;
		logTheta[b] = lt;
	}

	/**
	 * The expected aspect counts of chunk c's items: {@code counts_iz = phi_zi sum_{u in
	 * R_i} theta_uz / P_ui}.
	 */
	private void itemChunk(int c, double[] theta, double[] phi, float[] inverse, double[] counts) {
		ItemColumns columns = this.layout.columns();
		int[] user = columns.userArray();
		int k = this.k;
		int first = this.layout.chunkStart(c);
		int last = this.layout.chunkStart(c + 1);
		Arrays.fill(counts, first * k, last * k, 0);
		for (int b = 0; b < columns.blocks(); b++) {
			for (int i = first; i < last; i++) {
				int base = i * k;
				for (int q = columns.cut(i, b); q < columns.cut(i, b + 1); q++) {
					int row = user[q] * k;
					double w = inverse[this.rowPosition[q]];
					for (int z = 0; z < k; z++) {
						counts[base + z] += theta[row + z] * w;
					}
				}
			}
		}
		for (int q = first * k; q < last * k; q++) {
			counts[q] *= phi[q];
		}
	}

	/** phi_zi = (counts_iz + beta) / (sum_i counts_iz + D beta), summed in item order. */
	private void normalisePhi(double[] counts, double[] phi) {
		int k = this.k;
		int d = this.layout.matrix().items();
		double beta = this.options.itemSmoothing();
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
		double sum = 0;
		for (double v : values) {
			sum += Math.log(v);
		}
		return sum;
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
	record Outcome(double[] phi, double[] theta, double[] trace, int iterations, boolean converged) {
	}

}
