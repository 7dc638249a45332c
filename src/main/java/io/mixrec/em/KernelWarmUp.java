package io.mixrec.em;

import java.util.SplittableRandom;

/**
 * Decides which of a {@link Kernels}' SIMD kernels may replace their scalar twins.
 *
 * <p>
 * A cold SIMD kernel is slower than its scalar twin (see {@link Kernels}), and C2
 * compiles it only after enough calls. So the warm-up calls each SIMD kernel on small
 * synthetic inputs and detects compilation by timing: a kernel switches to SIMD once a
 * batch of SIMD calls takes no longer than the same batch of scalar calls. The decision
 * is logged at DEBUG.
 *
 * <p>
 * The switch cannot change a result: each SIMD kernel produces exactly the bits of its
 * scalar twin ({@code KernelsTests}), so which one sums a given user or item does not
 * matter, and fits stay deterministic whatever the timing.
 */
final class KernelWarmUp {

	private static final System.Logger LOG = System.getLogger(KernelWarmUp.class.getName());

	private static final int ITEMS = 64;

	private static final int RATINGS = 24;

	private static final int CALLS_PER_BATCH = 200;

	private KernelWarmUp() {
	}

	/**
	 * Times batches on the calling thread until every kernel is SIMD, the deadline has
	 * passed or the thread is interrupted, switching each kernel as soon as it is fast.
	 * @param kernels the kernels to switch
	 * @param deadline {@link System#nanoTime()} at which to give up
	 */
	static void decide(Kernels kernels, long deadline) {
		long start = System.nanoTime();
		boolean distances = false;
		boolean columns = false;
		boolean weighted = false;
		Inputs in = new Inputs(new SplittableRandom(1));
		while (!(distances && columns && weighted) && System.nanoTime() < deadline
				&& !Thread.currentThread().isInterrupted()) {
			if (!distances) {
				distances = batch(
						() -> VectorKernels.squaredDistances(in.table, in.k, in.item, in.value, 0, RATINGS, in.out),
						() -> ScalarKernels.squaredDistances(in.table, in.k, 0, in.item, in.value, 0, RATINGS, in.out));
			}
			if (!columns) {
				columns = batch(() -> VectorKernels.columnSums(in.table, in.k, in.item, 0, RATINGS, in.out),
						() -> ScalarKernels.columnSums(in.table, in.k, 0, in.item, 0, RATINGS, in.out));
			}
			if (!weighted) {
				weighted = batch(
						() -> VectorKernels.weightedSums(in.table, in.k, in.item, in.value, 0, RATINGS, in.sums, 0),
						() -> ScalarKernels.weightedSums(in.table, in.k, 0, in.item, in.value, 0, RATINGS, in.sums, 0));
			}
			kernels.use(distances, columns, weighted);
		}
		LOG.log(System.Logger.Level.DEBUG,
				"kernel warm-up over after {0,number,#} ms: SIMD distances {1}, column sums {2}, weighted sums {3}",
				(System.nanoTime() - start) / 1_000_000, distances, columns, weighted);
	}

	/** Times a batch of each; true when the SIMD batch was no slower. */
	private static boolean batch(Runnable simd, Runnable scalar) {
		long t0 = System.nanoTime();
		for (int c = 0; c < CALLS_PER_BATCH; c++) {
			simd.run();
		}
		long t1 = System.nanoTime();
		for (int c = 0; c < CALLS_PER_BATCH; c++) {
			scalar.run();
		}
		long t2 = System.nanoTime();
		return t1 - t0 <= t2 - t1;
	}

	/** Synthetic kernel inputs: a table of ITEMS rows, RATINGS ratings of random rows. */
	private static final class Inputs {

		/**
		 * Clusters: 8 + 4 + 1 vectors and a remainder, so that every loop of each kernel
		 * runs and is compiled with a profile.
		 */
		final int k = 13 * VectorKernels.lanes() + 3;

		final double[] table = new double[ITEMS * this.k];

		final int[] item = new int[RATINGS];

		final float[] value = new float[RATINGS];

		final double[] out = new double[this.k];

		final double[] sums = new double[2 * this.k];

		Inputs(SplittableRandom random) {
			for (int i = 0; i < this.table.length; i++) {
				this.table[i] = random.nextDouble();
			}
			for (int p = 0; p < RATINGS; p++) {
				this.item[p] = random.nextInt(ITEMS);
				this.value[p] = 1 + random.nextInt(5);
			}
		}

	}

}
