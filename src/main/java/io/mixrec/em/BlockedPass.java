package io.mixrec.em;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * One pass over all users, split into fixed blocks of consecutive users whose statistics
 * are summed in block order. Block boundaries depend only on the number of users, never
 * on the thread count, so 1 thread and N threads produce bit-identical sums.
 *
 * <p>
 * At most {@code threads + 1} blocks are in flight: the caller merges block b, then
 * reuses its accumulator for block b + window. Memory stays at (threads + 2) accumulators
 * however many blocks there are.
 */
final class BlockedPass {

	private final RatingMatrix matrix;

	private final float[] values;

	private final int clusters;

	private final int[] blockStart;

	private final ExecutorService executor;

	private final SufficientStatistics[] accumulators;

	private final SufficientStatistics total;

	private final BooleanSupplier cancelled;

	BlockedPass(RatingMatrix matrix, float[] values, int clusters, int blockUsers, ExecutorService executor,
			int threads, BooleanSupplier cancelled) {
		this.matrix = matrix;
		this.values = values;
		this.clusters = clusters;
		int n = matrix.users();
		int blocks = Math.max(1, (n + blockUsers - 1) / blockUsers);
		this.blockStart = new int[blocks + 1];
		for (int b = 0; b <= blocks; b++) {
			this.blockStart[b] = (int) Math.min(n, (long) b * blockUsers);
		}
		this.executor = executor;
		this.accumulators = new SufficientStatistics[Math.min(blocks, threads + 1)];
		for (int a = 0; a < this.accumulators.length; a++) {
			this.accumulators[a] = new SufficientStatistics(clusters, matrix.items());
		}
		this.total = new SufficientStatistics(clusters, matrix.items());
		this.cancelled = cancelled;
	}

	/**
	 * Users per block: about 16 blocks, so 2 to 8 threads balance and the merge cost
	 * (items x K per block) stays small, but never fewer than {@code minimum} users.
	 */
	static int defaultBlockUsers(int users, int minimum) {
		return Math.max(minimum, (users + 15) / 16);
	}

	int blocks() {
		return this.blockStart.length - 1;
	}

	/**
	 * E-step under {@code parameters} with the statistics for the next M-step.
	 * @return the summed statistics; owned by this pass and overwritten by the next call
	 */
	SufficientStatistics expectation(Parameters parameters) {
		return run((from, to, acc, rng) -> expectBlock(parameters, from, to, acc), null);
	}

	/**
	 * Statistics of posteriors drawn from a flat Dirichlet (normalised Exp(1) draws), for
	 * the random initialisation.
	 * @return the summed statistics; owned by this pass and overwritten by the next call
	 */
	SufficientStatistics randomPosteriors(SplittableRandom random) {
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
			parameters.logJoint(rowItem, this.values, start, end, distance, presence, f);
			acc.logLikelihood += LogMath.normalizeLog(f, k);
			acc.accumulate(rowItem, this.values, start, end, f);
		}
	}

	private void randomBlock(int from, int to, SufficientStatistics acc, SplittableRandom random) {
		int k = this.clusters;
		double[] posterior = new double[k];
		for (int u = from; u < to; u++) {
			double sum = 0;
			for (int j = 0; j < k; j++) {
				posterior[j] = -Math.log(1 - random.nextDouble());
				sum += posterior[j];
			}
			for (int j = 0; j < k; j++) {
				posterior[j] /= sum;
			}
			acc.accumulate(this.matrix.itemArray(), this.values, this.matrix.start(u), this.matrix.end(u), posterior);
		}
	}

	private SufficientStatistics run(BlockWork work, SplittableRandom random) {
		int blocks = blocks();
		SplittableRandom[] streams = new SplittableRandom[blocks];
		for (int b = 0; b < blocks && random != null; b++) {
			streams[b] = random.split();
		}
		int window = this.accumulators.length;
		@SuppressWarnings("unchecked")
		Future<SufficientStatistics>[] pending = new Future[blocks];
		this.total.reset();
		try {
			for (int b = 0; b < window; b++) {
				pending[b] = submit(work, b, this.accumulators[b], streams[b]);
			}
			for (int b = 0; b < blocks; b++) {
				SufficientStatistics done = pending[b].get();
				pending[b] = null;
				this.total.add(done);
				if (b + window < blocks) {
					pending[b + window] = submit(work, b + window, done, streams[b + window]);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw cancel(pending, new CancellationException("fit interrupted"));
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw cancel(pending, runtime);
			}
			if (cause instanceof Error error) {
				cancel(pending, null);
				throw error;
			}
			throw cancel(pending, new IllegalStateException(cause));
		}
		return this.total;
	}

	private Future<SufficientStatistics> submit(BlockWork work, int block, SufficientStatistics acc,
			SplittableRandom random) {
		int from = this.blockStart[block];
		int to = this.blockStart[block + 1];
		return this.executor.submit(() -> {
			if (this.cancelled.getAsBoolean()) {
				throw new CancellationException("fit cancelled");
			}
			acc.reset();
			work.run(from, to, acc, random);
			return acc;
		});
	}

	private static RuntimeException cancel(Future<?>[] pending, RuntimeException failure) {
		for (Future<?> future : pending) {
			if (future != null) {
				future.cancel(true);
			}
		}
		return failure;
	}

	@FunctionalInterface
	private interface BlockWork {

		void run(int from, int to, SufficientStatistics acc, SplittableRandom random);

	}

}
