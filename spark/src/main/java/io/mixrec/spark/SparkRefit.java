package io.mixrec.spark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixrec.em.DistributedEm;
import io.mixrec.em.EmOptions;
import io.mixrec.em.FitResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refit on Spark: reads the ratings ({@link RatingInput}), numbers and partitions the
 * users ({@link UserParts}), fits with the engine's EM ({@link DistributedEm}, one Spark
 * job per E-step, {@link SparkParts}), restarts as parallel jobs, and writes a candidate
 * version to the service's tables ({@link ModelVersionWriter}).
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
				System.out.println("wrote version " + version + " (succeeded); activate it with POST /admin/models/"
						+ version + "/activate");
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
		JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
		RatingInput input = RatingInput.read(spark, settings);
		UserParts parts = UserParts.of(input.ratings(), settings.partUsers());
		int items = parts.itemIds().length;
		DistributedEm.Totals totals = parts.parts()
			.map((p) -> DistributedEm.totals(p.matrix()))
			.treeAggregate(DistributedEm.Totals.empty(items), DistributedEm.Totals::merge, DistributedEm.Totals::merge);
		EmOptions options = settings.options();
		double[] priorMean = DistributedEm.priorMean(options, totals);
		double squares = parts.parts().map((p) -> DistributedEm.squares(p.matrix(), priorMean)).reduce(Double::sum);
		long loaded = System.nanoTime();
		logger.info("{} users, {} items, {} ratings in {} partitions of {} users", parts.users(), items,
				parts.ratings(), parts.parts().getNumPartitions(), parts.partUsers());
		DistributedEm em = new DistributedEm(options, totals, squares).listener((restart, iteration, objective,
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
		DistributedEm.Fit fit = em.best(restarts, fitted - loaded);
		parts.parts().unpersist(false);
		return new Fitted(settings, fit.result(), fit.clusterUsers(), parts.itemIds(), parts.users(), parts.ratings(),
				parts.parts().getNumPartitions(), input.watermark(), jobs, context.defaultParallelism(),
				loaded - started, fitted - loaded);
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
		FitResult r = fitted.result();
		ModelVersionWriter.FittedVersion version = new ModelVersionWriter.FittedVersion(r.model(), fitted.itemIds(),
				fitted.clusterUsers(), fitted.optionsJson(), r.options().seed(), owner, r.totalIterations(),
				r.objectiveTrace(), r.converged(), r.objective(), r.logLikelihood(), r.bic(), fitted.users(),
				fitted.ratings(), fitted.watermark(), fitted.loadNanos() / 1_000_000, fitted.fitNanos() / 1_000_000);
		try (Connection connection = RatingInput.connect(settings)) {
			return ModelVersionWriter.write(connection, version);
		}
	}

	/**
	 * A Spark fit.
	 *
	 * @param settings what was fitted
	 * @param result the fit as the engine reports it
	 * @param clusterUsers users per most probable cluster
	 * @param itemIds {@code items.id} of every column
	 * @param users users fitted
	 * @param ratings ratings fitted
	 * @param partitions Spark partitions of the users
	 * @param watermark the database snapshot before the read, or null
	 * @param jobs every restart's Spark side, with its costs
	 * @param cores the context's default parallelism
	 * @param loadNanos reading, numbering and partitioning
	 * @param fitNanos EM over every restart
	 */
	record Fitted(RefitSettings settings, FitResult result, int[] clusterUsers, long[] itemIds, int users, long ratings,
			int partitions, String watermark, List<SparkParts> jobs, int cores, long loadNanos, long fitNanos) {

		/**
		 * @return the options as an in-process refit records them, with where the fit ran
		 */
		String optionsJson() {
			Map<String, Object> all = new LinkedHashMap<>();
			all.put("preset", this.settings.preset());
			all.put("clusters", this.result.options().clusters());
			all.put("engine", this.result.options());
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
			text.append(String.format(java.util.Locale.ROOT,
					"fitted %d users, %d items, %d ratings in %d partitions: K=%d, %d iterations (best restart %d), "
							+ "objective %.6f, converged %s; load %.1f s, fit %.1f s%n",
					this.users, this.itemIds.length, this.ratings, this.partitions, this.result.options().clusters(),
					this.result.iterations(), this.result.restart(), this.result.objective(), this.result.converged(),
					this.loadNanos / 1e9, this.fitNanos / 1e9));
			for (int r = 0; r < this.jobs.size(); r++) {
				text.append("restart ").append(r).append(": ").append(this.jobs.get(r).costs().describe(this.cores));
				text.append(System.lineSeparator());
			}
			return text.toString();
		}

	}

}
