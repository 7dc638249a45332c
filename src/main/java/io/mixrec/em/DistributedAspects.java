package io.mixrec.em;

import java.util.SplittableRandom;

/**
 * One restart of the aspect model ({@link AspectRun}) over parts of the users: theta
 * lives with each part's users, phi on the driver. Each iteration every part runs the
 * engine's own sweep over its users ({@link AspectRun#sweep}) under the shipped phi and
 * returns its item counts and objective terms; the driver adds them and runs the engine's
 * loop
 * ({@link AspectRun#iterate(EnsembleOptions.Aspects, double[], AspectRun.Sweep, int, FitListener, long)}).
 * The random start is the in-process one: a part draws its users' theta after skipping
 * the draws of the users before it, the driver draws the item counts after skipping every
 * user's.
 */
final class DistributedAspects {

	private DistributedAspects() {
	}

	/**
	 * @param users the users' parts (residuals or ratings: only which items are rated
	 * counts)
	 * @param options the part's options
	 * @param totals the users' totals (users, ratings per item)
	 * @param restart index, for the listener
	 * @param seed the restart's seed
	 * @param listener told of every objective
	 * @param started when the fit started
	 * @return phi of the last E-step and the trace; theta stays with the parts (empty)
	 */
	static AspectRun.AspectResult run(DistributedEnsemble.Rows users, EnsembleOptions.Aspects options,
			DistributedEm.Totals totals, int restart, long seed, FitListener listener, long started) {
		int k = options.clusters();
		int[] itemCounts = totals.itemCounts();
		SplittableRandom random = new SplittableRandom(seed);
		for (long skip = (long) totals.users() * k; skip > 0; skip--) {
			random.nextDouble();
		}
		double[] counts = new double[Math.multiplyExact(itemCounts.length, k)];
		AspectRun.drawCounts(random, counts, itemCounts, k);
		double[] phi = new double[counts.length];
		AspectRun.normalisePhi(counts, phi, k, options.itemSmoothing());
		try (DistributedEnsemble.Stateful<double[]> theta = users.stateful((part, first) -> {
			SplittableRandom stream = new SplittableRandom(seed);
			for (long skip = (long) first * k; skip > 0; skip--) {
				stream.nextDouble();
			}
			double[] drawn = new double[Math.multiplyExact(part.users(), k)];
			AspectRun.drawTheta(stream, drawn, part.users(), k);
			return drawn;
		})) {
			AspectRun.Sweep sweep = new AspectRun.Sweep() {

				@Override
				public double run(double[] current, double[] sums) {
					double[] shipped = current.clone();
					double[] total = theta.step((part, first, state) -> sweep(part, options, state, shipped));
					System.arraycopy(total, 0, sums, 0, sums.length);
					return total[sums.length];
				}

				@Override
				public void advance() {
					theta.advance();
				}

			};
			AspectRun.Trace trace = AspectRun.iterate(options, phi, sweep, restart, listener, started);
			return new AspectRun.AspectResult(phi, new double[0], trace.objectives(), trace.iterations(),
					trace.converged());
		}
	}

	/**
	 * One part's sweep by the engine's {@link AspectRun} over the part's blocks.
	 * @return the part's next theta, and its counts with its objective terms appended
	 */
	private static DistributedEnsemble.Step<double[]> sweep(RatingMatrix part, EnsembleOptions.Aspects options,
			double[] theta, double[] phi) {
		PassLayout layout = new PassLayout(part, part.valueArray(),
				PassLayout.defaultBlockUsers(part.users(), MixtureFitter.MIN_BLOCK_USERS),
				PassLayout.defaultSweepUsers(options.clusters()));
		AspectRun run = new AspectRun(layout, options, new CallerRuns(), 1, () -> false);
		double[] next = new double[theta.length];
		double[] sums = new double[phi.length + 1];
		double[] counts = new double[phi.length];
		sums[phi.length] = run.sweep(theta, next, phi, counts);
		System.arraycopy(counts, 0, sums, 0, counts.length);
		return new DistributedEnsemble.Step<>(next, sums);
	}

}
