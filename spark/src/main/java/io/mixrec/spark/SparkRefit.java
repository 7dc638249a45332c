package io.mixrec.spark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixrec.em.DistributedEm;
import io.mixrec.em.DistributedEnsemble;
import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleFit;
import io.mixrec.em.FitResult;
import io.mixrec.em.FittedModel;
import io.mixrec.em.eval.EvaluationResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refit on Spark: reads the ratings ({@link RatingInput}), numbers and partitions the
 * users ({@link UserParts}), fits with the engine's EM over the parts, and writes a
 * candidate version to the service's tables ({@link ModelVersionWriter}). The ensemble,
 * the service's default model, is fitted by {@link DistributedEnsemble} over
 * {@link SparkEnsemble}'s parts; the classic mixture by {@link DistributedEm}, one Spark
 * job per E-step ({@link SparkParts}), restarts as parallel jobs.
 */
public final class SparkRefit {

	private static final Logger logger = LoggerFactory.getLogger(SparkRefit.class);

	private SparkRefit() {
	}

	/**
	 * {@code spark-submit --class io.mixrec.spark.SparkRefit mixrec-spark.jar [options]}
	 * ({@link RefitSettings#USAGE}).
	 * @param args the options
	 * @throws Exception when the fit or the write fails
	 */
	public static void main(String[] args) throws Exception {
		RefitSettings settings;
		try {
			settings = RefitSettings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		SparkSession spark = SparkSession.builder().appName("mixrec-refit").getOrCreate();
		try {
			Fitted fitted = fit(spark, settings);
			System.out.println(fitted.describe());
			if (!settings.dryRun()) {
				long version = write(settings, fitted, "spark:" + spark.sparkContext().applicationId());
				System.out.println("wrote version " + version + " (succeeded); the service gates it (automatically, "
						+ "or POST /admin/models/" + version + "/gate) or POST /admin/models/" + version + "/activate");
			}
		}
		finally {
			spark.stop();
		}
	}

	/**
	 * Reads and fits.
	 * @param spark the session
	 * @param settings what to fit
	 * @return the fit
	 */
	static Fitted fit(SparkSession spark, RefitSettings settings) {
		long started = System.nanoTime();
		RatingInput input = RatingInput.read(spark, settings);
		// read once: split, fit and evaluate all see the same ratings
		Dataset<Row> ratings = input.ratings().persist(StorageLevel.MEMORY_AND_DISK());
		try {
			HoldoutSplit holdout = (settings.holdoutFraction() > 0)
					? HoldoutSplit.of(ratings, settings.holdoutFraction(), settings.holdoutMax()) : null;
			Fitted fitted = fit(spark, settings, (holdout != null) ? holdout.train() : ratings, input.watermark(),
					started);
			if (holdout == null || holdout.heldOut().isEmpty()) {
				return fitted;
			}
			long evaluating = System.nanoTime();
			EvaluationResult figures = holdout.evaluate(fitted.model(), fitted.itemIds(), settings.rankingUsers());
			logger.info("holdout: {} ratings, RMSE {}, NDCG@10 {}", figures.testRatings(), figures.rmse(),
					figures.ndcgAtN());
			return fitted.withHoldout(figures, System.nanoTime() - evaluating, holdout.probability());
		}
		finally {
			ratings.unpersist(false);
		}
	}

	private static Fitted fit(SparkSession spark, RefitSettings settings, Dataset<Row> train, String watermark,
			long started) {
		UserParts parts = UserParts.of(train, settings.partUsers());
		int items = parts.itemIds().length;
		DistributedEm.Totals totals = parts.parts()
			.map((p) -> DistributedEm.totals(p.matrix()))
			.treeAggregate(DistributedEm.Totals.empty(items), DistributedEm.Totals::merge, DistributedEm.Totals::merge);
		logger.info("{} users, {} items, {} ratings in {} partitions of {} users", parts.users(), items,
				parts.ratings(), parts.parts().getNumPartitions(), parts.partUsers());
		Loaded loaded = new Loaded(parts, totals, watermark, started);
		return settings.ensemble() ? ensemble(spark, settings, loaded) : classic(spark, settings, loaded);
	}

	private static Fitted ensemble(SparkSession spark, RefitSettings settings, Loaded loaded) {
		long fitting = System.nanoTime();
		SparkEnsemble cluster = new SparkEnsemble(spark, loaded.parts());
		EnsembleFit fit;
		try {
			fit = new DistributedEnsemble(settings.ensembleOptions()).listener((part, restart, iteration, objective,
					elapsed) -> logger.info("{} restart {} iteration {}: " + "objective {}",
							part.name().toLowerCase(Locale.ROOT), restart, iteration, objective))
				.fit(cluster, loaded.totals());
		}
		finally {
			cluster.release();
		}
		long fitted = System.nanoTime();
		return new Fitted(settings, fit.model(), null, fit, fit.clusterUsers(), loaded, cluster.jobs(),
				context(spark).defaultParallelism(), fitted - fitting);
	}

	private static Fitted classic(SparkSession spark, RefitSettings settings, Loaded loaded) {
		JavaSparkContext context = context(spark);
		UserParts parts = loaded.parts();
		EmOptions options = settings.options();
		double[] priorMean = DistributedEm.priorMean(options, loaded.totals());
		double squares = parts.parts().map((p) -> DistributedEm.squares(p.matrix(), priorMean)).reduce(Double::sum);
		long fitting = System.nanoTime();
		DistributedEm em = new DistributedEm(options, loaded.totals(), squares).listener((restart, iteration, objective,
				elapsed) -> logger.info("restart {} iteration {}: objective {}", restart, iteration, objective));
		long[] seeds = em.restartSeeds(options.restarts());
		List<SparkParts> jobs = new ArrayList<>();
		for (int r = 0; r < seeds.length; r++) {
			jobs.add(new SparkParts(context, parts, options.clusters()));
		}
		List<DistributedEm.Restart> restarts = new ArrayList<>();
		ExecutorService drivers = Executors.newFixedThreadPool(Math.min(seeds.length, 4));
		try {
			List<Future<DistributedEm.Restart>> pending = new ArrayList<>();
			for (int r = 0; r < seeds.length; r++) {
				int restart = r;
				pending.add(drivers.submit(() -> em.restart(restart, seeds[restart], jobs.get(restart))));
			}
			for (Future<DistributedEm.Restart> f : pending) {
				restarts.add(f.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a restart failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			drivers.shutdownNow();
		}
		long fitted = System.nanoTime();
		DistributedEm.Fit fit = em.best(restarts, fitted - fitting);
		parts.parts().unpersist(false);
		return new Fitted(settings, fit.result().model(), fit.result(), null, fit.clusterUsers(), loaded, jobs,
				context.defaultParallelism(), fitted - fitting);
	}

	private static JavaSparkContext context(SparkSession spark) {
		return JavaSparkContext.fromSparkContext(spark.sparkContext());
	}

	/**
	 * Writes the fit as a new succeeded version.
	 * @param settings where to write
	 * @param fitted the fit
	 * @param owner recorded as the version's owner
	 * @return the version
	 * @throws SQLException when the write fails; nothing is written then
	 */
	static long write(RefitSettings settings, Fitted fitted, String owner) throws SQLException {
		ModelVersionWriter.FittedVersion version = new ModelVersionWriter.FittedVersion(fitted.model(),
				fitted.itemIds(), fitted.clusterUsers(), fitted.optionsJson(), settings.seed(), owner,
				fitted.iterations(), fitted.trace(), fitted.converged(), fitted.objective(), fitted.logLikelihood(),
				fitted.bic(), fitted.users(), fitted.ratings(), fitted.watermark(), fitted.holdout(),
				fitted.loadNanos() / 1_000_000, fitted.fitNanos() / 1_000_000, fitted.evaluateNanos() / 1_000_000);
		try (Connection connection = RatingInput.connect(settings)) {
			return ModelVersionWriter.write(connection, version);
		}
	}

	/**
	 * The ratings read and partitioned.
	 *
	 * @param parts the users' cached parts
	 * @param totals their counts and sums
	 * @param watermark the database snapshot before the read, or null
	 * @param started when the read started
	 */
	private record Loaded(UserParts parts, DistributedEm.Totals totals, String watermark, long started) {
	}

	/**
	 * A Spark fit.
	 *
	 * @param settings what was fitted
	 * @param model the fitted model
	 * @param mixture the classic fit as the engine reports it, or null
	 * @param ensemble the ensemble's fit as the engine reports it, or null
	 * @param clusterUsers users per most probable cluster (the ensemble: of its first
	 * user-mixture restart)
	 * @param itemIds {@code items.id} of every column
	 * @param users users fitted
	 * @param ratings ratings fitted
	 * @param partitions Spark partitions of the users
	 * @param watermark the database snapshot before the read, or null
	 * @param jobs every mixture restart's Spark side, with its costs
	 * @param cores the context's default parallelism
	 * @param loadNanos reading, numbering and partitioning
	 * @param fitNanos the fit
	 * @param holdout the candidate's figures on the held-out ratings, or null
	 * @param evaluateNanos their evaluation
	 * @param holdoutProbability the probability that held a pair out, 0 without holdout
	 */
	record Fitted(RefitSettings settings, FittedModel model, FitResult mixture, EnsembleFit ensemble,
			int[] clusterUsers, long[] itemIds, int users, long ratings, int partitions, String watermark,
			List<SparkParts> jobs, int cores, long loadNanos, long fitNanos, EvaluationResult holdout,
			long evaluateNanos, double holdoutProbability) {

		Fitted(RefitSettings settings, FittedModel model, FitResult mixture, EnsembleFit ensemble, int[] clusterUsers,
				Loaded loaded, List<SparkParts> jobs, int cores, long fitNanos) {
			this(settings, model, mixture, ensemble, clusterUsers, loaded.parts().itemIds(), loaded.parts().users(),
					loaded.parts().ratings(), loaded.parts().parts().getNumPartitions(), loaded.watermark(), jobs,
					cores, System.nanoTime() - loaded.started() - fitNanos, fitNanos, null, 0, 0);
		}

		Fitted withHoldout(EvaluationResult figures, long nanos, double probability) {
			return new Fitted(this.settings, this.model, this.mixture, this.ensemble, this.clusterUsers, this.itemIds,
					this.users, this.ratings, this.partitions, this.watermark, this.jobs, this.cores, this.loadNanos,
					this.fitNanos, figures, nanos, probability);
		}

		/**
		 * @return E-steps over every restart (and part)
		 */
		int iterations() {
			return (this.ensemble != null) ? this.ensemble.totalIterations() : this.mixture.totalIterations();
		}

		/**
		 * @return the objective per E-step of the best restart; the ensemble's, as the
		 * service records it: its first user-mixture restart's
		 */
		double[] trace() {
			return (this.ensemble != null) ? this.ensemble.parts().get(0).trace() : this.mixture.objectiveTrace();
		}

		boolean converged() {
			return (this.ensemble != null) ? this.ensemble.converged() : this.mixture.converged();
		}

		double objective() {
			double[] trace = trace();
			return (this.ensemble != null) ? trace[trace.length - 1] : this.mixture.objective();
		}

		/**
		 * @return the log-likelihood; the ensemble's objective, as the service records it
		 */
		double logLikelihood() {
			return (this.ensemble != null) ? objective() : this.mixture.logLikelihood();
		}

		/**
		 * @return BIC; NaN for the ensemble, as the service records it
		 */
		double bic() {
			return (this.ensemble != null) ? Double.NaN : this.mixture.bic();
		}

		/**
		 * @return the options as an in-process refit records them, with where the fit ran
		 * and the holdout's probability, by which the service's gate holds out the same
		 * pairs
		 */
		String optionsJson() {
			Map<String, Object> all = new LinkedHashMap<>();
			all.put("preset", this.settings.preset());
			all.put("clusters", this.model.clusters());
			all.put("engine", (this.ensemble != null) ? this.ensemble.options() : this.mixture.options());
			all.put("holdoutFraction", this.settings.holdoutFraction());
			all.put("holdoutMax", this.settings.holdoutMax());
			all.put("holdoutProbability", (this.holdout != null) ? this.holdoutProbability : 0.0);
			all.put("spark", Map.of("partitions", this.partitions, "partUsers", (this.settings.partUsers() > 0)
					? this.settings.partUsers() : DistributedEm.blockUsers(this.users)));
			try {
				return new ObjectMapper().writeValueAsString(all);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String describe() {
			StringBuilder text = new StringBuilder();
			text.append(String.format(Locale.ROOT,
					"fitted %s on %d users, %d items, %d ratings in %d partitions: K=%d, %d iterations, "
							+ "objective %.6f, converged %s; load %.1f s, fit %.1f s%n",
					this.settings.preset(), this.users, this.itemIds.length, this.ratings, this.partitions,
					this.model.clusters(), iterations(), objective(), converged(), this.loadNanos / 1e9,
					this.fitNanos / 1e9));
			if (this.holdout != null) {
				text.append(String.format(Locale.ROOT, "holdout: %d ratings, RMSE %.4f, MAE %.4f, NDCG@10 %.4f%n",
						this.holdout.testRatings(), this.holdout.rmse(), this.holdout.mae(), this.holdout.ndcgAtN()));
			}
			for (int r = 0; r < this.jobs.size(); r++) {
				text.append("mixture restart ")
					.append(r)
					.append(": ")
					.append(this.jobs.get(r).costs().describe(this.cores));
				text.append(System.lineSeparator());
			}
			return text.toString();
		}

	}

}
