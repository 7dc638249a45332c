package io.mixrec.em;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

import org.jspecify.annotations.Nullable;

/**
 * Fits an {@link EnsembleModel}: damped biases ({@link Baseline}), then on their
 * residuals every restart of the three parts, in parallel.
 *
 * <ul>
 * <li>A, the user mixture: the engine's EM ({@link EmRun}, {@link MaximizationStep}) on
 * the residual rows with prior mean 0, weight prior alpha = 2 and a tempered E-step;
 * {@code W_ki} of its last E-step is kept as the means' support.</li>
 * <li>B, the item mixture: the same EM on the transposed residual matrix; the item
 * posteriors z_ic of its last E-step are kept.</li>
 * <li>C, the aspect model: {@link AspectRun}.</li>
 * </ul>
 *
 * <p>
 * Every restart is a job with its own random stream ({@link Seeds}). Jobs run on up to
 * {@code threads} driver threads and hand their blocks and item chunks to one shared pool
 * of {@code threads} workers, so restarts overlap and all cores stay busy; each job's
 * result is bit-identical to running it alone on one thread. Nothing is dense over users
 * x items: every pass costs O(ratings x K + (users + items) x K). The fit owns both pools
 * and waits for their threads to end before returning. The listener is told of every
 * restart's objectives, from several threads.
 */
public final class EnsembleFitter extends FitControls<EnsembleFitter, EnsembleFitter.PartListener> {

	private static final int MIN_BLOCK_USERS = 256;

	private final EnsembleOptions options;

	/**
	 * @param options validated options
	 */
	public EnsembleFitter(EnsembleOptions options) {
		super(PartListener.NONE);
		this.options = options;
	}

	/**
	 * @param matrix training ratings
	 * @return the model and how every restart went
	 */
	public EnsembleFit fit(RatingMatrix matrix) {
		long started = System.nanoTime();
		EnsembleOptions o = this.options;
		Residuals residuals = Residuals.of(matrix, o);
		Seeds seeds = new Seeds(o.seed());
		List<Job> jobs = new ArrayList<>();
		for (int r = 0; r < o.users().restarts(); r++) {
			jobs.add(new Job(Part.USERS, o.users().clusters(), o.users().ratingWeight(), r, seeds.of(Part.USERS, r)));
		}
		for (int r = 0; o.items().enabled() && r < o.items().restarts(); r++) {
			jobs.add(new Job(Part.ITEMS, o.items().clusters(), o.items().ratingWeight(), r, seeds.of(Part.ITEMS, r)));
		}
		for (int r = 0; o.aspects().enabled() && r < o.aspects().restarts(); r++) {
			jobs.add(new Job(Part.ASPECTS, o.aspects().clusters(), 1, r, seeds.of(Part.ASPECTS, r)));
		}
		List<Restart> restarts = run(residuals, jobs, started);
		Parts parts = new Parts();
		List<PartFit> fits = new ArrayList<>();
		for (Restart restart : restarts) {
			restart.addTo(parts);
			fits.add(restart.fit());
		}
		int[] clusterUsers = ((UserRestart) restarts.get(0)).clusterUsers();
		return new EnsembleFit(model(residuals, o, parts).using(this.kernels), o, clusterUsers, List.copyOf(fits),
				System.nanoTime() - started);
	}

	/**
	 * The model made of some restarts, with the settings of {@code o}.
	 */
	static EnsembleModel model(Residuals residuals, EnsembleOptions o, Parts parts) {
		return model(residuals.biases().baseline(), residuals.matrix().itemCounts(), o, parts);
	}

	/**
	 * The model of some restarts on biases fitted elsewhere
	 * ({@link DistributedEnsemble}).
	 */
	static EnsembleModel model(Baseline baseline, int[] itemCounts, EnsembleOptions o, Parts parts) {
		EnsembleModel.Settings settings = new EnsembleModel.Settings(o.users().ratingWeight(), o.users().meanPrior(),
				o.items().meanPrior(), o.itemBiasDamping(), o.aspects().userSmoothing(), o.aspects().foldInIterations(),
				o.aspects().foldInTolerance(), o.likeThreshold(), o.varianceScale());
		return new EnsembleModel(baseline, itemCounts, settings, parts.users, parts.items, parts.aspects);
	}

	/**
	 * Runs restarts of parts on the residuals, several at once (class comment).
	 * @param residuals the training data and its bias residuals
	 * @param jobs the restarts to run; the options give each part's settings other than K
	 * @param started when the fit started, for listeners
	 * @return one result per job, in the jobs' order
	 */
	List<Restart> run(Residuals residuals, List<Job> jobs, long started) {
		int threads = this.options.threads();
		// closed in reverse: the drivers end before the workers they wait on
		try (FitPool workerPool = new FitPool("em", threads); FitPool drivers = new FitPool("restart", threads)) {
			ExecutorService workers = workerPool.executor();
			Layouts layouts = new Layouts(residuals);
			List<Callable<Restart>> tasks = new ArrayList<>();
			for (Job job : jobs) {
				PassLayout layout = layouts.of(job);
				tasks.add(() -> switch (job.part()) {
					case USERS -> userRestart(layout, job, workers, started);
					case ITEMS -> itemRestart(layout, job, workers, started);
					case ASPECTS -> aspectRestart(layout, job, workers, started);
				});
			}
			return Tasks.all(drivers.executor(), tasks);
		}
	}

	private UserRestart userRestart(PassLayout layout, Job job, ExecutorService workers, long started) {
		EnsembleOptions.Mixture part = this.options.users()
			.withClusters(job.clusters())
			.withRatingWeight(job.ratingWeight());
		MixtureRestart outcome = mixtureRestart(layout, part, job, workers, started);
		BlockedPass pass = outcome.pass();
		Parameters p = outcome.result().parameters();
		int k = p.clusters;
		SufficientStatistics s = pass.statistics();
		double[] support = new double[p.mean.length];
		for (int i = 0; i < p.items; i++) {
			for (int j = 0; j < k; j++) {
				support[i * k + j] = s.itemWeight(i, j);
			}
		}
		return new UserRestart(
				new EnsembleModel.UserMixture(p.weight.clone(), p.variance.clone(), p.mean.clone(), support),
				pass.clusterUsers(), outcome.fit());
	}

	private ItemRestart itemRestart(PassLayout layout, Job job, ExecutorService workers, long started) {
		EnsembleOptions.Mixture part = this.options.items()
			.withClusters(job.clusters())
			.withRatingWeight(job.ratingWeight());
		MixtureRestart outcome = mixtureRestart(layout, part, job, workers, started);
		return new ItemRestart(new EnsembleModel.ItemMixture(job.clusters(), outcome.pass().posteriors().clone()),
				outcome.fit());
	}

	private AspectRestart aspectRestart(PassLayout layout, Job job, ExecutorService workers, long started) {
		EnsembleOptions.Aspects part = this.options.aspects().withClusters(job.clusters());
		AspectRun run = new AspectRun(layout, part, workers, this.options.threads(), this.cancelled);
		AspectRun.AspectResult outcome = run.run(job.restart(), new SplittableRandom(job.seed()), forward(Part.ASPECTS),
				started);
		return new AspectRestart(new EnsembleModel.AspectMixture(job.clusters(), outcome.phi()),
				new PartFit(Part.ASPECTS, job.clusters(), job.restart(), outcome.iterations(), outcome.converged(),
						outcome.trace()));
	}

	private MixtureRestart mixtureRestart(PassLayout layout, EnsembleOptions.Mixture part, Job job,
			ExecutorService workers, long started) {
		EmOptions options = part.engineOptions(this.options.threads(), job.seed());
		double[] priorMean = new double[layout.matrix().items()];
		EmRun run = new EmRun(options, layout, priorMean, forward(job.part()), started);
		BlockedPass pass = new BlockedPass(layout, part.clusters(), workers, this.options.threads(), this.kernels,
				this.cancelled);
		EmRun.RestartResult outcome = run.restart(pass, job.restart(), new SplittableRandom(job.seed()), null);
		return new MixtureRestart(outcome, pass, new PartFit(job.part(), job.clusters(), job.restart(),
				outcome.iterations(), outcome.converged(), outcome.trace()));
	}

	private FitListener forward(Part part) {
		PartListener target = this.listener;
		return (restart, iteration, objective, elapsed) -> target.onIteration(part, restart, iteration, objective,
				elapsed);
	}

	private static PassLayout layout(RatingMatrix matrix, float[] values, int clusters) {
		return new PassLayout(matrix, values, PassLayout.defaultBlockUsers(matrix.users(), MIN_BLOCK_USERS),
				PassLayout.defaultSweepUsers(clusters));
	}

	/** The ensemble's parts, as listeners and fit reports name them. */
	public enum Part {

		/** A, the user mixture. */
		USERS,

		/** B, the item mixture. */
		ITEMS,

		/** C, the aspect model. */
		ASPECTS

	}

	/** Receives the progress of every restart; called from several threads at once. */
	@FunctionalInterface
	public interface PartListener {

		/** A listener that ignores progress. */
		PartListener NONE = (part, restart, iteration, objective, elapsedNanos) -> {
		};

		/**
		 * @param part which part
		 * @param restart 0-based restart of the part
		 * @param iteration 1-based E-step count within the restart
		 * @param objective the restart's objective after that E-step
		 * @param elapsedNanos time since the fit started
		 */
		void onIteration(Part part, int restart, int iteration, double objective, long elapsedNanos);

	}

	/**
	 * How one restart of one part went.
	 *
	 * @param part the part
	 * @param clusters its K
	 * @param restart its index within the part
	 * @param iterations E-steps run
	 * @param converged whether the tolerance stopped it
	 * @param trace the objective after every E-step (never decreasing)
	 */
	public record PartFit(Part part, int clusters, int restart, int iterations, boolean converged, double[] trace) {
	}

	/**
	 * Training ratings with the damped biases fitted on them and the residual of every
	 * rating, computed once and shared by every restart.
	 *
	 * @param matrix the ratings
	 * @param biases the biases
	 * @param values r_ui - g - b_u - b_i per position of the matrix
	 */
	record Residuals(RatingMatrix matrix, Baseline.Fit biases, float[] values) {

		static Residuals of(RatingMatrix matrix, EnsembleOptions o) {
			Baseline.Fit biases = Baseline.fit(matrix, o.userBiasDamping(), o.itemBiasDamping(), o.biasSweeps());
			return new Residuals(matrix, biases, MixtureFitter.residuals(matrix, biases));
		}

	}

	/**
	 * One restart to run.
	 *
	 * @param part which part
	 * @param clusters its K
	 * @param ratingWeight the tempering of a mixture's E-step (ignored by the aspect
	 * model)
	 * @param restart index within the part
	 * @param seed its random stream's seed
	 */
	record Job(Part part, int clusters, double ratingWeight, int restart, long seed) {
	}

	/**
	 * The seed of every part's r-th restart: each part has its own stream split from the
	 * master seed, and restart r takes its r-th value, so a restart's seed depends
	 * neither on K nor on how many restarts run.
	 */
	static final class Seeds {

		private final long[] parts;

		Seeds(long master) {
			SplittableRandom random = new SplittableRandom(master);
			this.parts = new long[Part.values().length];
			for (int p = 0; p < this.parts.length; p++) {
				this.parts[p] = random.split().nextLong();
			}
		}

		long of(Part part, int restart) {
			SplittableRandom stream = new SplittableRandom(this.parts[part.ordinal()]);
			long seed = 0;
			for (int r = 0; r <= restart; r++) {
				seed = stream.nextLong();
			}
			return seed;
		}

	}

	/** The restarts of each part that make up one model. */
	static final class Parts {

		final List<EnsembleModel.UserMixture> users = new ArrayList<>();

		final List<EnsembleModel.ItemMixture> items = new ArrayList<>();

		final List<EnsembleModel.AspectMixture> aspects = new ArrayList<>();

	}

	/** What one restart produced. */
	sealed interface Restart permits UserRestart, ItemRestart, AspectRestart {

		PartFit fit();

		/** Adds the restart to the list of its part. */
		void addTo(Parts parts);

	}

	/**
	 * @param part the mixture
	 * @param clusterUsers training users per most probable cluster
	 * @param fit how it went
	 */
	record UserRestart(EnsembleModel.UserMixture part, int[] clusterUsers, PartFit fit) implements Restart {

		@Override
		public void addTo(Parts parts) {
			parts.users.add(this.part);
		}

	}

	record ItemRestart(EnsembleModel.ItemMixture part, PartFit fit) implements Restart {

		@Override
		public void addTo(Parts parts) {
			parts.items.add(this.part);
		}

	}

	record AspectRestart(EnsembleModel.AspectMixture part, PartFit fit) implements Restart {

		@Override
		public void addTo(Parts parts) {
			parts.aspects.add(this.part);
		}

	}

	private record MixtureRestart(EmRun.RestartResult result, BlockedPass pass, PartFit fit) {
	}

	/** Pass layouts built once per part and K, the transposed matrix once. */
	private static final class Layouts {

		private final Residuals residuals;

		private final Map<String, PassLayout> built = new HashMap<>();

		private @Nullable RatingMatrix transposed;

		Layouts(Residuals residuals) {
			this.residuals = residuals;
		}

		PassLayout of(Job job) {
			// the aspect model only uses the rows and blocks, whatever its K
			String key = (job.part() == Part.ASPECTS) ? "aspects" : job.part() + "/" + job.clusters();
			// one layout serves every tempering of a K
			return this.built.computeIfAbsent(key, (unused) -> {
				if (job.part() == Part.ITEMS) {
					if (this.transposed == null) {
						this.transposed = this.residuals.matrix().transpose(this.residuals.values());
					}
					return layout(this.transposed, this.transposed.valueArray(), job.clusters());
				}
				return layout(this.residuals.matrix(), this.residuals.values(), job.clusters());
			});
		}

	}

}
