package io.mixrec.em;

import java.util.SplittableRandom;

/**
 * Decides, once per JVM, when each SIMD kernel may replace its scalar twin.
 *
 * <p>
 * Vector API code is only fast once C2 has compiled it with its intrinsics; before that
 * every vector operation is an interpreted or C1-compiled call that allocates, and a
 * kernel runs several times slower than the scalar loop (measured on the 10M benchmark:
 * the first item sweep of a fit took 0.86 s with cold SIMD kernels against 0.27 s with
 * the scalar ones). So the fit (and a server's fold-ins, {@link MixtureFitter#warmUp()})
 * starts on the scalar kernels while a daemon thread calls each SIMD kernel on small
 * synthetic inputs until C2 has compiled it, which it detects by timing: a kernel
 * switches to SIMD once a batch of SIMD calls takes no longer than the same batch of
 * scalar calls. A kernel that never gets there within {@link #BUDGET_NANOS} stays scalar,
 * the faster choice on that JVM. The decision is logged at DEBUG (in a server started on
 * the 20K-item benchmark model: all three kernels SIMD after about 1 s).
 *
 * <p>
 * The switch cannot change a result: each SIMD kernel produces exactly the bits of its
 * scalar twin ({@code KernelsTests}), so which one sums a given user or item does not
 * matter, and fits stay deterministic whatever the timing.
 */
final class KernelWarmUp {

	/** Gives up after this long; what is not warm by then stays scalar. */
	static final long BUDGET_NANOS = 5_000_000_000L;

	private static final System.Logger LOG = System.getLogger(KernelWarmUp.class.getName());

	private static final int ITEMS = 64;

	private static final int RATINGS = 24;

	private static final int CALLS_PER_BATCH = 200;

	static volatile boolean distances;

	static volatile boolean columns;

	static volatile boolean weighted;

	/** Nothing to decide without the SIMD kernels. */
	private static volatile boolean finished = !Kernels.VECTOR;

	private static boolean started;

	private KernelWarmUp() {
	}

	/**
	 * Starts the warm-up thread, once per JVM, if the SIMD kernels are available. Cheap
	 * to call again; returns at once.
	 */
	static synchronized void start() {
		if (started || !Kernels.VECTOR) {
			return;
		}
		started = true;
		Thread thread = new Thread(KernelWarmUp::run, "mixrec-kernel-warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	/**
	 * Whether the warm-up has decided every kernel (tests).
	 */
	static boolean finished() {
		return finished;
	}

	private static void run() {
		long start = System.nanoTime();
		try {
			Inputs in = new Inputs(new SplittableRandom(1));
			long deadline = start + BUDGET_NANOS;
			while (!(distances && columns && weighted) && System.nanoTime() < deadline) {
				if (!distances) {
					distances = batch(
							() -> VectorKernels.squaredDistances(in.table, in.k, in.item, in.value, 0, RATINGS, in.out),
							() -> ScalarKernels.squaredDistances(in.table, in.k, 0, in.item, in.value, 0, RATINGS,
									in.out));
				}
				if (!columns) {
					columns = batch(() -> VectorKernels.columnSums(in.table, in.k, in.item, 0, RATINGS, in.out),
							() -> ScalarKernels.columnSums(in.table, in.k, 0, in.item, 0, RATINGS, in.out));
				}
				if (!weighted) {
					weighted = batch(
							() -> VectorKernels.weightedSums(in.table, in.k, in.item, in.value, 0, RATINGS, in.sums, 0),
							() -> ScalarKernels.weightedSums(in.table, in.k, 0, in.item, in.value, 0, RATINGS, in.sums,
									0));
				}
			}
		}
		finally {
			finished = true;
			LOG.log(System.Logger.Level.DEBUG,
					"kernel warm-up over after {0,number,#} ms: SIMD distances {1}, column sums {2}, weighted sums {3}",
					(System.nanoTime() - start) / 1_000_000, distances, columns, weighted);
		}
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
