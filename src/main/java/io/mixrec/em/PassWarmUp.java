package io.mixrec.em;

/**
 * Gets the whole EM pass compiled, not only its kernels, while a caller that is about to
 * fit is busy with something else (the CLI reading a ratings file): a few fits of a small
 * planted data set with the caller's options on one thread. Without it, the first
 * iterations of the real fit run the user sweep, the initialisation and the setup loops
 * as interpreted or C1 code (bench/README has the figures).
 *
 * <p>
 * It cannot change a result: the JIT does not change arithmetic, and the warm-up fits
 * share nothing with the real one but the kernels (which give the same bits either way).
 */
public final class PassWarmUp {

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

	private PassWarmUp() {
	}

	/**
	 * Runs the warm-up fits on the calling thread, after the caller has warmed the
	 * kernels up ({@link Kernels#warmUp}) so the fits compile the path the real fit
	 * takes. Stops early when the thread is interrupted.
	 * @param options the options of the fit to come (its preset and K decide which code
	 * paths get compiled); nothing is done above {@value #MAX_CLUSTERS} clusters
	 * @param kernels the kernels the real fit will use
	 * @return how many warm-up fits ran to the end
	 */
	public static int run(EmOptions options, Kernels kernels) {
		if (options.clusters() > MAX_CLUSTERS) {
			return 0;
		}
		Thread self = Thread.currentThread();
		RatingMatrix.Builder builder = RatingMatrix.builder();
		new PlantedMixture(USERS, ITEMS, RATINGS, options.clusters(), 1).generate(builder::add);
		RatingMatrix matrix = builder.build(USERS, ITEMS);
		EmOptions small = options.toBuilder().threads(1).restarts(1).maxIterations(ITERATIONS).build();
		int fitted = 0;
		try {
			for (; fitted < FITS && !self.isInterrupted(); fitted++) {
				new MixtureFitter(small).kernels(kernels).cancelWhen(self::isInterrupted).fit(matrix);
			}
		}
		catch (RuntimeException ex) {
			// only speed is lost (or the caller stopped it): the real fit compiles the
			// same code itself
		}
		return fitted;
	}

}
