package io.mixrec.em;

/**
 * Gets the whole EM pass compiled, not only its kernels, while a caller that is about to
 * fit is busy with something else (the CLI reading a ratings file): once
 * {@link KernelWarmUp} has decided the kernels, a background thread fits a small planted
 * data set a few times with the caller's options on one thread. Measured on the 10M
 * benchmark: the first iteration of the real fit, which otherwise runs the user sweep,
 * the initialisation and the setup loops as interpreted or C1 code, took 0.73 to 0.84 s
 * with it against 0.81 to 1.04 s without (three alternating runs each).
 *
 * <p>
 * It cannot change a result: the JIT does not change arithmetic, the warm-up fits share
 * nothing with the real one but the kernel choice (which gives the same bits either way),
 * and it runs once per JVM. Any failure in it is ignored, as it only costs speed.
 */
final class PassWarmUp {

	private static final int USERS = 8_000;

	private static final int ITEMS = 1_000;

	private static final int RATINGS = 200_000;

	private static final int FITS = 3;

	private static final int ITERATIONS = 5;

	/**
	 * Above this K the warm-up fits would take seconds and USERS x K doubles of heap; so
	 * large a fit is long enough to warm itself up.
	 */
	static final int MAX_CLUSTERS = 128;

	private static boolean started;

	private static volatile boolean finished;

	private static volatile int fitted;

	private PassWarmUp() {
	}

	/**
	 * Starts the warm-up thread, once per JVM; returns at once.
	 * @param options the options of the fit to come (its preset and K decide which code
	 * paths get compiled)
	 */
	static synchronized void start(EmOptions options) {
		KernelWarmUp.start();
		if (started || options.clusters() > MAX_CLUSTERS) {
			return;
		}
		started = true;
		Thread thread = new Thread(() -> run(options), "mixrec-pass-warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	/** Whether the warm-up is over, done or failed (tests). */
	static boolean finished() {
		return finished;
	}

	/** How many warm-up fits completed (tests). */
	static int fitted() {
		return fitted;
	}

	private static void run(EmOptions options) {
		try {
			while (!KernelWarmUp.finished()) {
				Thread.sleep(10);
			}
			RatingMatrix.Builder builder = RatingMatrix.builder();
			new PlantedMixture(USERS, ITEMS, RATINGS, options.clusters(), 1).generate(builder::add);
			RatingMatrix matrix = builder.build(USERS, ITEMS);
			EmOptions small = options.toBuilder().threads(1).restarts(1).maxIterations(ITERATIONS).build();
			for (int f = 0; f < FITS; f++) {
				new MixtureFitter(small).fit(matrix);
				fitted++;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// only speed is lost: the real fit compiles the same code itself
		}
		finally {
			finished = true;
		}
	}

}
