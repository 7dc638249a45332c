package io.mixrec.em;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * One EM pass in two sweeps, over the blocks and item chunks of a {@link PassLayout}
 * (shared by the restarts of a fit). The user sweep runs the E-step over fixed blocks of
 * consecutive users, stores each user's posterior (entries below
 * {@link SufficientStatistics#NEGLIGIBLE} as 0) and sums the per-cluster statistics per
 * block, merged in block order. The item sweep then sums the stored posteriors over each
 * item's ratings ({@link ItemColumns}) into W and S, items split into fixed chunks. Block
 * and chunk boundaries depend only on the data, and every sum runs in a fixed order, so 1
 * thread and N threads produce bit-identical statistics.
 *
 * <p>
 * The item sweep keeps the statistics' shape of design.md §3, "accumulate over a block of
 * users, merge blocks": W and S are sums over user blocks, added in block order; they are
 * only computed item chunk by item chunk, so that no block needs its own items x 2K table
 * and each rating is a read of a posterior row rather than a read-modify-write of a
 * random item's statistics.
 *
 * <p>
 * At most {@code threads + 1} user blocks are in flight: the caller merges block b, then
 * reuses its accumulator for block b + window. Memory per pass: the posteriors (users x K
 * doubles) and one items x 2K table; the layout adds the item columns (8 bytes per
 * rating) once.
 */
final class BlockedPass implements ExpectationStep {

	private final PassLayout layout;

	private final RatingMatrix matrix;

	private final float[] values;

	private final int clusters;

	private final ExecutorService executor;

	private final SufficientStatistics[] accumulators;

	private final SufficientStatistics total;

	private final BooleanSupplier cancelled;

	private final Kernels kernels;

	/**
	 * post_uj at {@code u * K + j}, written by the user sweep, read by the item sweep.
	 */
	private final double[] posteriors;

	BlockedPass(PassLayout layout, int clusters, ExecutorService executor, int threads, Kernels kernels,
			BooleanSupplier cancelled) {
		this.layout = layout;
		this.matrix = layout.matrix();
		this.values = layout.values();
		this.clusters = clusters;
		this.executor = executor;
		this.accumulators = new SufficientStatistics[Math.min(layout.blocks(), threads + 1)];
		for (int a = 0; a < this.accumulators.length; a++) {
			this.accumulators[a] = new SufficientStatistics(clusters, 0);
		}
		this.total = new SufficientStatistics(clusters, this.matrix.items());
		this.cancelled = cancelled;
		this.kernels = kernels;
		this.posteriors = new double[Math.multiplyExact(this.matrix.users(), clusters)];
	}

	/**
	 * @return the statistics of the last E-step (or random draw); owned by this pass and
	 * overwritten by the next call
	 */
	SufficientStatistics statistics() {
		return this.total;
	}

	/**
	 * @return the posteriors of the last E-step (or random draw),
	 * {@code post[u * K + j]}, entries below {@link SufficientStatistics#NEGLIGIBLE} as
	 * 0; owned by this pass and overwritten by the next call
	 */
	double[] posteriors() {
		return this.posteriors;
	}

	/**
	 * @return per cluster j, the users whose most probable cluster under the last E-step
	 * is j (the first of equals); a read of the posteriors, no fold-in
	 */
	int[] clusterUsers() {
		int k = this.clusters;
		int[] counts = new int[k];
		double[] post = this.posteriors;
		for (int u = 0; u < this.matrix.users(); u++) {
			int row = u * k;
			int best = 0;
			for (int j = 1; j < k; j++) {
				best = (post[row + j] > post[row + best]) ? j : best;
			}
			counts[best]++;
		}
		return counts;
	}

	/**
	 * E-step under {@code parameters} with the statistics for the next M-step.
	 * @return the summed statistics; owned by this pass and overwritten by the next call
	 */
	@Override
	public SufficientStatistics expectation(Parameters parameters) {
		return run((from, to, acc, rng) -> expectBlock(parameters, from, to, acc), null);
	}

	/**
	 * Statistics of posteriors drawn from a flat Dirichlet (normalised Exp(1) draws), for
	 * the random initialisation.
	 * @return the summed statistics; owned by this pass and overwritten by the next call
	 */
	@Override
	public SufficientStatistics randomPosteriors(SplittableRandom random) {
		return run(this::randomBlock, random);
	}

	private void expectBlock(Parameters parameters, int from, int to, SufficientStatistics acc) {
		int k = this.clusters;
		double[] distance = new double[k];
		double[] presence = new double[k];
		double[] f = new double[k];
		int[] rowItem = this.matrix.itemArray();
		for (int u = from; u < to; u++) {
			int start = this.matrix.start(u);
			int end = this.matrix.end(u);
			parameters.logJoint(this.kernels, rowItem, this.values, start, end, distance, presence, f);
			acc.logLikelihood += LogMath.normalizeLog(f, k);
			store(u, start, end, f, acc);
		}
	}

	private void randomBlock(int from, int to, SufficientStatistics acc, SplittableRandom random) {
		int k = this.clusters;
		double[] posterior = new double[k];
		for (int u = from; u < to; u++) {
			drawPosterior(random, posterior, k);
			store(u, this.matrix.start(u), this.matrix.end(u), posterior, acc);
		}
	}

	/** Draws one user's posterior from a flat Dirichlet (normalised Exp(1) draws). */
	static void drawPosterior(SplittableRandom random, double[] posterior, int k) {
		double sum = 0;
		for (int j = 0; j < k; j++) {
			posterior[j] = -Math.log(1 - random.nextDouble());
			sum += posterior[j];
		}
		for (int j = 0; j < k; j++) {
			posterior[j] /= sum;
		}
	}

	/** Adds user u's per-cluster sums and keeps the posterior for the item sweep. */
	private void store(int u, int start, int end, double[] posterior, SufficientStatistics acc) {
		int k = this.clusters;
		acc.addUser(end - start, this.layout.squares(u), posterior);
		int base = u * k;
		for (int j = 0; j < k; j++) {
			this.posteriors[base + j] = (posterior[j] >= SufficientStatistics.NEGLIGIBLE) ? posterior[j] : 0;
		}
	}

	/**
	 * W_ji and S_ji of the items in chunk c, from the stored posteriors. The chunk's
	 * items are swept once per block of users, so the posterior rows read stay in cache;
	 * each sum still runs over the users in order.
	 */
	private void itemChunk(int c) {
		int k = this.clusters;
		ItemColumns columns = this.layout.columns();
		int[] user = columns.userArray();
		float[] value = columns.valueArray();
		double[] stats = this.total.itemStats;
		int first = this.layout.chunkStart(c);
		int last = this.layout.chunkStart(c + 1);
		Arrays.fill(stats, 2 * first * k, 2 * last * k, 0);
		for (int b = 0; b < columns.blocks(); b++) {
			for (int i = first; i < last; i++) {
				int from = columns.cut(i, b);
				int to = columns.cut(i, b + 1);
				if (from < to) {
					this.kernels.weightedSums(this.posteriors, k, user, value, from, to, stats, 2 * i * k);
				}
			}
		}
	}

	private SufficientStatistics run(BlockWork work, @Nullable SplittableRandom random) {
		int blocks = this.layout.blocks();
		SplittableRandom[] streams = new SplittableRandom[blocks];
		for (int b = 0; b < blocks && random != null; b++) {
			streams[b] = random.split();
		}
		int window = this.accumulators.length;
		@SuppressWarnings("unchecked")
		Future<SufficientStatistics>[] pending = new Future[blocks];
		this.total.reset();
		for (int b = 0; b < window; b++) {
			pending[b] = submit(work, b, this.accumulators[b], streams[b]);
		}
		for (int b = 0; b < blocks; b++) {
			SufficientStatistics done = Tasks.await(pending, b);
			this.total.add(done);
			if (b + window < blocks) {
				pending[b + window] = submit(work, b + window, done, streams[b + window]);
			}
		}
		int chunks = this.layout.chunks();
		@SuppressWarnings("unchecked")
		Future<SufficientStatistics>[] sweep = new Future[chunks];
		for (int c = 0; c < chunks; c++) {
			int chunk = c;
			sweep[c] = this.executor.submit(() -> {
				checkCancelled();
				itemChunk(chunk);
				return this.total;
			});
		}
		for (int c = 0; c < chunks; c++) {
			Tasks.await(sweep, c);
		}
		return this.total;
	}

	private void checkCancelled() {
		if (this.cancelled.getAsBoolean()) {
			throw new CancellationException("fit cancelled");
		}
	}

	private Future<SufficientStatistics> submit(BlockWork work, int block, SufficientStatistics acc,
			SplittableRandom random) {
		int from = this.layout.blockStart(block);
		int to = this.layout.blockStart(block + 1);
		return this.executor.submit(() -> {
			checkCancelled();
			acc.reset();
			work.run(from, to, acc, random);
			return acc;
		});
	}

	@FunctionalInterface
	private interface BlockWork {

		void run(int from, int to, SufficientStatistics acc, SplittableRandom random);

	}

}
