package io.mixrec.em;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;

import org.jspecify.annotations.Nullable;

/**
 * The engine's mixture EM ({@link MixtureFitter}) with the users split into parts that
 * are computed apart, such as the tasks of a Spark job. A part is a {@link RatingMatrix}
 * of consecutive users of the whole fit (its columns are the fit's items); its E-step
 * ({@link #expectation}) returns {@link Statistics} that merge by addition, in any order.
 * The driver merges them, and the engine's own restart loop ({@link EmRun}: M-step,
 * log-prior, objective trace, convergence test) hands the next parameters, a
 * {@link State}, back to every part. The maths is the engine's: {@link Parameters},
 * {@link SufficientStatistics}, {@link MaximizationStep}; only the order in which the
 * sums are added differs.
 *
 * <p>
 * Random initialisation draws every user's posterior from the stream {@link BlockedPass}
 * gives it in the in-process fit (its block's, at its place in the block,
 * {@link #blockUsers}), so it is the same however the users are cut into parts. k-means++
 * needs every row in one place and is not offered.
 */
public final class DistributedEm {

	private final EmOptions options;

	private final Totals totals;

	private final double[] priorMean;

	private final Parameters placeholder;

	private FitListener listener = FitListener.NONE;

	/**
	 * @param options the fit's options; {@code centering} means the parts' values are
	 * already residuals (prior mean 0); k-means++ initialisation is refused
	 * @param totals the merged {@link #totals} of every part
	 * @param squares the summed {@link #squares} of every part under {@link #priorMean}
	 */
	public DistributedEm(EmOptions options, Totals totals, double squares) {
		this(options, totals, squares, priorMean(options, totals));
		if (options.initialization() == Initialization.KMEANS_PLUS_PLUS) {
			throw new IllegalArgumentException("k-means++ initialisation needs every row in one place");
		}
	}

	/**
	 * A fit with given prior means, started from given parameters
	 * ({@link #restart(int, long, Parts, Parameters)}): the ensemble's mixtures on
	 * residuals ({@link DistributedEnsemble}).
	 */
	DistributedEm(EmOptions options, Totals totals, double squares, double[] priorMean) {
		this.options = options;
		this.totals = totals;
		this.priorMean = priorMean;
		this.placeholder = EmRun.placeholder(options, this.priorMean, squares, totals.ratings, totals.itemCounts());
	}

	/**
	 * @param listener called after every E-step
	 * @return this
	 */
	public DistributedEm listener(FitListener listener) {
		this.listener = listener;
		return this;
	}

	/**
	 * @param users the fit's users
	 * @return users per block of the in-process fit; parts cut at multiples of it draw
	 * the same random initialisation
	 */
	public static int blockUsers(int users) {
		return PassLayout.defaultBlockUsers(users, MixtureFitter.MIN_BLOCK_USERS);
	}

	/**
	 * @param options the fit's options
	 * @param totals merged totals
	 * @return the prior mean of every item's cluster means: 0 on residuals, else the
	 * item's mean rating (the global mean for an item without ratings)
	 */
	public static double[] priorMean(EmOptions options, Totals totals) {
		int d = totals.itemSum.length;
		double[] mean = new double[d];
		if (options.centering()) {
			return mean;
		}
		double global = (totals.ratings > 0) ? totals.valueSum / totals.ratings : 0;
		for (int i = 0; i < d; i++) {
			mean[i] = (totals.itemCount[i] > 0) ? totals.itemSum[i] / totals.itemCount[i] : global;
		}
		return mean;
	}

	/**
	 * @return the prior means this fit uses
	 */
	public double[] priorMean() {
		return this.priorMean.clone();
	}

	/**
	 * @param part consecutive users of the fit
	 * @return the part's counts and sums for {@link #priorMean}
	 */
	public static Totals totals(RatingMatrix part) {
		Totals t = new Totals(part.items());
		t.users = part.users();
		t.ratings = part.ratings();
		for (int p = 0; p < part.ratings(); p++) {
			float v = part.value(p);
			t.valueSum += v;
			t.itemSum[part.item(p)] += v;
			t.itemCount[part.item(p)]++;
		}
		return t;
	}

	/**
	 * @param part consecutive users of the fit
	 * @param priorMean {@link #priorMean}
	 * @return the part's sum of squared offsets of its ratings from the prior mean
	 */
	public static double squares(RatingMatrix part, double[] priorMean) {
		return EmRun.squares(part, part.valueArray(), priorMean);
	}

	/**
	 * The E-step of one part, by the engine's own pass ({@link BlockedPass}) over the
	 * part's users, run on the calling thread.
	 * @param state the current parameters
	 * @param part consecutive users of the fit, with the layout its passes share
	 * @return the part's statistics
	 */
	public static Statistics expectation(State state, PartPass part) {
		BlockedPass pass = part.borrow();
		try {
			SufficientStatistics computed = pass.expectation(state.parameters);
			Statistics s = Statistics.empty(computed.clusters, part.matrix.items());
			System.arraycopy(computed.itemStats, 0, s.statistics.itemStats, 0, computed.itemStats.length);
			s.statistics.add(computed);
			int k = computed.clusters;
			double[] post = pass.posteriors();
			for (int u = 0; u < part.matrix.users(); u++) {
				int best = 0;
				for (int j = 1; j < k; j++) {
					best = (post[u * k + j] > post[u * k + best]) ? j : best;
				}
				s.clusterUsers[best]++;
			}
			return s;
		}
		finally {
			part.giveBack(pass);
		}
	}

	/**
	 * The E-step of one part, user by user (no layout to build;
	 * {@link #expectation(State, PartPass)} is faster from the second pass on).
	 * @param state the current parameters
	 * @param part consecutive users of the fit
	 * @return the part's statistics
	 */
	public static Statistics expectation(State state, RatingMatrix part) {
		Parameters parameters = state.parameters;
		int k = parameters.clusters;
		Statistics s = Statistics.empty(k, part.items());
		double[] distance = new double[k];
		double[] presence = new double[k];
		double[] f = new double[k];
		int[] rowItem = part.itemArray();
		float[] values = part.valueArray();
		for (int u = 0; u < part.users(); u++) {
			parameters.logJoint(Kernels.scalar(), rowItem, values, part.start(u), part.end(u), distance, presence, f);
			s.statistics.logLikelihood += LogMath.normalizeLog(f, k);
			s.addUser(part, u, f);
		}
		return s;
	}

	/**
	 * Random posteriors of one part, for the random initialisation.
	 * @param clusters K
	 * @param part consecutive users of the fit
	 * @param firstUser the fit's index of the part's first user
	 * @param blockUsers users per block ({@link #blockUsers} to match the in-process fit)
	 * @param restartSeed the restart's seed ({@link #restartSeeds})
	 * @return the part's statistics
	 */
	public static Statistics randomPosteriors(int clusters, RatingMatrix part, int firstUser, int blockUsers,
			long restartSeed) {
		Statistics s = Statistics.empty(clusters, part.items());
		double[] posterior = new double[clusters];
		SplittableRandom restart = new SplittableRandom(restartSeed);
		@Nullable SplittableRandom stream = null;
		int streamBlock = -1;
		for (int u = 0; u < part.users(); u++) {
			int block = (firstUser + u) / blockUsers;
			// the in-process pass splits one stream per block off the restart's, in block
			// order
			while (streamBlock < block) {
				stream = restart.split();
				streamBlock++;
			}
			Objects.requireNonNull(stream, "no stream for the first block");
			if (u == 0) {
				// a part that starts inside a block skips the draws of the block's
				// earlier
				// users
				for (long skip = (long) (firstUser - block * blockUsers) * clusters; skip > 0; skip--) {
					stream.nextDouble();
				}
			}
			BlockedPass.drawPosterior(stream, posterior, clusters);
			s.addUser(part, u, posterior);
		}
		return s;
	}

	/**
	 * @param restarts how many restarts
	 * @return the seed of every restart's stream, as {@link MixtureFitter} splits them
	 * from the options' seed
	 */
	public long[] restartSeeds(int restarts) {
		SplittableRandom master = new SplittableRandom(this.options.seed());
		long[] seeds = new long[restarts];
		for (int r = 0; r < restarts; r++) {
			seeds[r] = master.nextLong();
		}
		return seeds;
	}

	/**
	 * Runs one restart; restarts may run at once, each with its own {@code parts}.
	 * @param restart index
	 * @param seed its seed ({@link #restartSeeds})
	 * @param parts computes the merged statistics of every part
	 * @return the outcome
	 */
	public Restart restart(int restart, long seed, Parts parts) {
		return restart(restart, seed, parts, null);
	}

	/**
	 * Runs one restart from {@code given} parameters, or drawn ones when null.
	 */
	Restart restart(int restart, long seed, Parts parts, @Nullable Parameters given) {
		Remote step = new Remote(parts, seed);
		EmRun run = new EmRun(this.options, this.priorMean, this.totals.users, this.placeholder, this.listener,
				System.nanoTime());
		EmRun.RestartResult outcome = run.restart(step, restart, new SplittableRandom(seed), given);
		Statistics last = step.last;
		return new Restart(restart, seed, outcome, (last != null) ? last.clusterUsers.clone() : new int[0], last);
	}

	/**
	 * @return uninformative parameters of this fit, the start of k-means++ seeding
	 */
	Parameters placeholder() {
		return this.placeholder.copy();
	}

	/**
	 * Every restart in turn, the best kept, as {@link MixtureFitter#fit(RatingMatrix)}.
	 * @param parts computes the merged statistics of every part
	 * @return the fit
	 */
	public Fit fit(Parts parts) {
		long started = System.nanoTime();
		long[] seeds = restartSeeds(this.options.restarts());
		List<Restart> restarts = new ArrayList<>();
		for (int r = 0; r < seeds.length; r++) {
			restarts.add(restart(r, seeds[r], parts));
		}
		return best(restarts, System.nanoTime() - started);
	}

	/**
	 * @param restarts every restart, in restart order
	 * @param elapsedNanos the fit's duration
	 * @return the restart with the highest objective (the first on a tie) as a fit
	 */
	public Fit best(List<Restart> restarts, long elapsedNanos) {
		Restart best = null;
		double[] objectives = new double[restarts.size()];
		int total = 0;
		for (int r = 0; r < restarts.size(); r++) {
			Restart candidate = restarts.get(r);
			objectives[r] = candidate.outcome.objective();
			total += candidate.outcome.iterations();
			if (best == null || candidate.outcome.objective() > best.outcome.objective()) {
				best = candidate;
			}
		}
		if (best == null) {
			throw new IllegalArgumentException("no restarts");
		}
		EmRun.RestartResult o = best.outcome;
		MixtureModel model = MixtureModel.own(o.parameters(), Baseline.none(this.priorMean.length),
				this.options.likeThreshold(), Kernels.scalar());
		double bic = -2 * o.logLikelihood() + MixtureFitter.freeParameters(this.totals.itemCounts(), this.options)
				* Math.log(Math.max(1, this.totals.users));
		FitResult result = new FitResult(model, best.clusterUsers, this.options, best.seed, best.restart,
				o.iterations(), total, o.converged(), o.trace(), o.objective(), o.logLikelihood(), bic, objectives,
				elapsedNanos);
		return new Fit(result, best.clusterUsers);
	}

	/**
	 * Merges the statistics of every part; a Spark job runs a job over its parts.
	 */
	public interface Parts {

		/**
		 * @param state the parameters to run the E-step under
		 * @return the merged {@link #expectation} of every part
		 */
		Statistics expectation(State state);

		/**
		 * @param restartSeed the restart's seed
		 * @return the merged {@link #randomPosteriors} of every part
		 */
		Statistics randomPosteriors(long restartSeed);

	}

	/**
	 * One part with what every E-step over it shares: the engine's {@link PassLayout}
	 * (blocks, squares, item columns), built once, and passes (posteriors and statistics
	 * of K clusters), one per E-step running on it at a time (restarts run at once).
	 */
	public static final class PartPass {

		private final RatingMatrix matrix;

		private final int clusters;

		private final PassLayout layout;

		private final ExecutorService direct = new CallerRuns();

		private final Queue<BlockedPass> idle = new ConcurrentLinkedQueue<>();

		/**
		 * @param matrix consecutive users of the fit
		 * @param clusters K
		 */
		public PartPass(RatingMatrix matrix, int clusters) {
			this.matrix = matrix;
			this.clusters = clusters;
			this.layout = new PassLayout(matrix, matrix.valueArray(),
					PassLayout.defaultBlockUsers(matrix.users(), MixtureFitter.MIN_BLOCK_USERS),
					PassLayout.defaultSweepUsers(clusters));
		}

		BlockedPass borrow() {
			BlockedPass pass = this.idle.poll();
			return (pass != null) ? pass
					: new BlockedPass(this.layout, this.clusters, this.direct, 1, Kernels.scalar(), () -> false);
		}

		void giveBack(BlockedPass pass) {
			this.idle.add(pass);
		}

	}

	/** Feeds one restart of the engine's loop from {@link Parts}. */
	private static final class Remote implements ExpectationStep {

		private final Parts parts;

		private final long seed;

		private @Nullable Statistics last;

		Remote(Parts parts, long seed) {
			this.parts = parts;
			this.seed = seed;
		}

		@Override
		public SufficientStatistics expectation(Parameters parameters) {
			this.last = this.parts.expectation(new State(parameters.copy()));
			return this.last.statistics;
		}

		@Override
		public SufficientStatistics randomPosteriors(SplittableRandom random) {
			// the restart's stream is rebuilt from its seed in every part
			return this.parts.randomPosteriors(this.seed).statistics;
		}

	}

	/**
	 * Parameters shipped to the parts; opaque outside the engine.
	 */
	public static final class State implements Serializable {

		private static final long serialVersionUID = 1L;

		final Parameters parameters;

		State(Parameters parameters) {
			this.parameters = parameters;
		}

		/**
		 * @return K
		 */
		public int clusters() {
			return this.parameters.clusters;
		}

	}

	/**
	 * The M-step's statistics of some parts ({@link SufficientStatistics} with their item
	 * part) and, per cluster, the users whose most probable cluster it is.
	 */
	public static final class Statistics implements Serializable {

		private static final long serialVersionUID = 1L;

		final SufficientStatistics statistics;

		final int[] clusterUsers;

		/** Scratch: the posterior as the item sums take it; not shipped. */
		private transient double @Nullable [] kept;

		private Statistics(SufficientStatistics statistics) {
			this.statistics = statistics;
			this.clusterUsers = new int[statistics.clusters];
		}

		/**
		 * @param clusters K
		 * @param items the fit's items
		 * @return statistics of no user, the neutral element of {@link #merge}
		 */
		public static Statistics empty(int clusters, int items) {
			return new Statistics(new SufficientStatistics(clusters, items));
		}

		/**
		 * Adds {@code other} into this.
		 * @param other statistics of other users
		 * @return this
		 */
		public Statistics merge(Statistics other) {
			this.statistics.add(other.statistics);
			double[] target = this.statistics.itemStats;
			double[] source = other.statistics.itemStats;
			for (int k = 0; k < target.length; k++) {
				target[k] += source[k];
			}
			for (int j = 0; j < this.clusterUsers.length; j++) {
				this.clusterUsers[j] += other.clusterUsers[j];
			}
			return this;
		}

		/**
		 * @return the log-likelihood of the users summed here
		 */
		public double logLikelihood() {
			return this.statistics.logLikelihood;
		}

		/**
		 * @return users per most probable cluster
		 */
		public int[] clusterUsers() {
			return this.clusterUsers.clone();
		}

		/**
		 * Adds user u of {@code part} as {@link BlockedPass} does: the per-cluster sums,
		 * then W and S of the user's items from the posterior with entries below
		 * {@link SufficientStatistics#NEGLIGIBLE} as 0.
		 */
		void addUser(RatingMatrix part, int u, double[] posterior) {
			int k = this.statistics.clusters;
			int start = part.start(u);
			int end = part.end(u);
			float[] values = part.valueArray();
			double squares = 0;
			for (int p = start; p < end; p++) {
				squares += (double) values[p] * values[p];
			}
			this.statistics.addUser(end - start, squares, posterior);
			int best = 0;
			for (int j = 1; j < k; j++) {
				best = (posterior[j] > posterior[best]) ? j : best;
			}
			this.clusterUsers[best]++;
			if (this.kept == null) {
				this.kept = new double[k];
			}
			double[] kept = this.kept;
			for (int j = 0; j < k; j++) {
				kept[j] = (posterior[j] >= SufficientStatistics.NEGLIGIBLE) ? posterior[j] : 0;
			}
			double[] stats = this.statistics.itemStats;
			int[] items = part.itemArray();
			for (int p = start; p < end; p++) {
				double x = values[p];
				int base = 2 * items[p] * k;
				for (int j = 0; j < k; j++) {
					stats[base + j] += kept[j];
					stats[base + k + j] += kept[j] * x;
				}
			}
		}

	}

	/**
	 * Counts and sums of some parts, for the prior means and the placeholder parameters.
	 */
	public static final class Totals implements Serializable {

		private static final long serialVersionUID = 1L;

		int users;

		long ratings;

		double valueSum;

		final double[] itemSum;

		final long[] itemCount;

		private Totals(int items) {
			this.itemSum = new double[items];
			this.itemCount = new long[items];
		}

		/**
		 * @param items the fit's items
		 * @return totals of no user, the neutral element of {@link #merge}
		 */
		public static Totals empty(int items) {
			return new Totals(items);
		}

		/**
		 * Adds {@code other} into this.
		 * @param other totals of other users
		 * @return this
		 */
		public Totals merge(Totals other) {
			this.users += other.users;
			this.ratings += other.ratings;
			this.valueSum += other.valueSum;
			for (int i = 0; i < this.itemSum.length; i++) {
				this.itemSum[i] += other.itemSum[i];
				this.itemCount[i] += other.itemCount[i];
			}
			return this;
		}

		/**
		 * @return users summed
		 */
		public int users() {
			return this.users;
		}

		/**
		 * @return ratings summed
		 */
		public long ratings() {
			return this.ratings;
		}

		int[] itemCounts() {
			int[] counts = new int[this.itemCount.length];
			for (int i = 0; i < counts.length; i++) {
				counts[i] = Math.toIntExact(this.itemCount[i]);
			}
			return counts;
		}

	}

	/**
	 * One restart's outcome.
	 */
	public static final class Restart {

		private final int restart;

		private final long seed;

		private final EmRun.RestartResult outcome;

		private final int[] clusterUsers;

		/** The statistics of the last E-step. */
		final @Nullable Statistics last;

		Restart(int restart, long seed, EmRun.RestartResult outcome, int[] clusterUsers, @Nullable Statistics last) {
			this.restart = restart;
			this.seed = seed;
			this.outcome = outcome;
			this.clusterUsers = clusterUsers;
			this.last = last;
		}

		EmRun.RestartResult outcome() {
			return this.outcome;
		}

		int[] clusterUsers() {
			return this.clusterUsers;
		}

		/**
		 * @return the restart's objective per E-step
		 */
		public double[] trace() {
			return this.outcome.trace().clone();
		}

		/**
		 * @return the restart's last objective
		 */
		public double objective() {
			return this.outcome.objective();
		}

	}

	/**
	 * A distributed fit.
	 *
	 * @param result the fit, as {@link MixtureFitter} reports it
	 * @param clusterUsers users per most probable cluster under the final parameters
	 */
	public record Fit(FitResult result, int[] clusterUsers) {
	}

}
