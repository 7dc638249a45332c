package io.mixrec.refit;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleFit;
import io.mixrec.em.EnsembleFitter;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSelector;
import io.mixrec.em.FitResult;
import io.mixrec.em.FittedModel;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.PlantedMixture;
import io.mixrec.em.RatingSplit;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.FittedRecommender;
import io.mixrec.model.ModelStore;
import io.mixrec.model.StoredModel;
import io.mixrec.ratings.LoadedRatings;
import io.mixrec.ratings.RatingLoader;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A full refit of a generated data set in PostgreSQL, phase by phase, with the same
 * components the service uses (loader, holdout, fitter, evaluator, parameter storage),
 * for the previous default (one mixture, K=16) and the current one (the ensemble with K
 * chosen by data) in the same run, and the save/load time of a 50K-item, K=64 model.
 * Prints the figures, their ratios and the machine.
 *
 * <p>
 * Run through {@code bench/refit-benchmark.sh}; not part of the test suite.
 */
public final class RefitBenchmark {

	private RefitBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String url = arg(args, "--url", "jdbc:postgresql://127.0.0.1:5432/mixrec_bench");
		int users = Integer.parseInt(arg(args, "--users", "100000"));
		int items = Integer.parseInt(arg(args, "--items", "20000"));
		long ratings = Long.parseLong(arg(args, "--ratings", "10000000"));
		int clusters = Integer.parseInt(arg(args, "--clusters", "32"));
		String presets = arg(args, "--presets", "mixture,ensemble");
		int threads = Integer
			.parseInt(arg(args, "--threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
		boolean populate = Boolean.parseBoolean(arg(args, "--populate", "true"));
		// one connection reused, as the service's pool would
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, arg(args, "--user", "postgres"),
				arg(args, "--password", ""), true);
		System.out.printf("machine: %s, %d cores, max heap %d MB, java %s%n", System.getProperty("os.arch"),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
				System.getProperty("java.version"));
		org.flywaydb.core.Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		if (populate) {
			long started = System.nanoTime();
			populate(dataSource, new PlantedMixture(users, items, ratings, clusters, 1));
			System.out.printf("populate: %d ratings in %.1f s (not part of the refit)%n", ratings, seconds(started));
		}
		double[][] figures = new double[2][];
		String[] names = presets.split(",");
		for (int p = 0; p < names.length; p++) {
			figures[Math.min(p, 1)] = refit(dataSource, names[p], threads);
		}
		if (names.length == 2) {
			System.out.printf(Locale.ROOT, "%s / %s: fit %.1fx, whole refit %.1fx%n", names[1], names[0],
					figures[1][0] / figures[0][0], figures[1][1] / figures[0][1]);
		}
		saveAndLoad(dataSource, 50_000, 64);
	}

	/**
	 * One refit with a preset: {@code mixture} (the previous default: K=16, the presence
	 * model, one restart) or {@code ensemble} (the default: K chosen by data).
	 * @return the fit's and the whole refit's seconds
	 */
	private static double[] refit(DataSource dataSource, String preset, int threads) {
		System.out.printf(Locale.ROOT, "--- %s%n", preset);
		Heap heap = new Heap();
		long baseline = heap.settledUsed();
		heap.resetPeaks();
		long started = System.nanoTime();
		LoadedRatings loaded = new RatingLoader(dataSource).load();
		double load = seconds(started);
		long loadPeak = heap.peakUsed();
		long retained = heap.settledUsed() - baseline;
		int n = loaded.matrix().ratings();
		System.out.printf(Locale.ROOT,
				"load: %d ratings in %.2f s = %.2f M ratings/s; heap retained %.1f bytes/rating, peak pool sum %.1f bytes/rating%n",
				n, load, n / load / 1e6, (double) retained / n, (double) (loadPeak - baseline) / n);

		started = System.nanoTime();
		RatingSplit split = RatingSplit.holdOutByKey(loaded.matrix(), loaded.userKeys(), loaded.itemKeys(), 0.02,
				200_000);
		double holdout = seconds(started);
		long beforeFit = heap.settledUsed();
		heap.resetPeaks();
		started = System.nanoTime();
		FittedModel model;
		int[] clusterUsers;
		if (preset.equals("ensemble")) {
			EnsembleOptions options = EnsembleOptions.defaults().withThreads(threads).withSeed(42);
			EnsembleSelector.Selection selection = new EnsembleSelector(options, EnsembleSelector.Grid.defaults(),
					EnsembleSelector.Validation.defaults())
				.select(split.train());
			double selecting = seconds(started);
			EnsembleFit fit = new EnsembleFitter(selection.options()).fit(split.train());
			model = fit.model();
			clusterUsers = fit.clusterUsers();
			EnsembleOptions o = selection.options();
			System.out.printf(Locale.ROOT,
					"selection: %.1f s on %d ratings: users K=%d x %d (tempering %.1f), items K=%d x %d (tempering %.1f), "
							+ "aspects K=%d x %d; final fit %.1f s, %d iterations over all parts and restarts%n",
					selecting, selection.fittedRatings(), o.users().clusters(), o.users().restarts(),
					o.users().ratingWeight(), o.items().clusters(), o.items().restarts(), o.items().ratingWeight(),
					o.aspects().clusters(), o.aspects().restarts(), fit.elapsedNanos() / 1e9, fit.totalIterations());
		}
		else {
			EmOptions options = EmOptions.defaults(16).toBuilder().threads(threads).seed(42).build();
			FitResult fit = new MixtureFitter(options).fit(split.train());
			model = fit.model();
			clusterUsers = new int[model.clusters()];
			System.out.printf(Locale.ROOT, "%d iterations (converged %b)%n", fit.totalIterations(), fit.converged());
		}
		double fitSeconds = seconds(started);
		long fitPeak = heap.peakUsed() - beforeFit;
		System.out.printf(Locale.ROOT, "holdout split: %.2f s; fit: %.1f s; heap during the fit: peak pool sum %d MB "
				+ "above the %d MB held before%n", holdout, fitSeconds, fitPeak >> 20, beforeFit >> 20);

		started = System.nanoTime();
		EvaluationResult result = new Evaluator(10, 4, threads, 1000)
			.evaluate(new FittedRecommender(model, split.train()), split.train(), split.heldOut());
		double evaluate = seconds(started);
		System.out.printf(Locale.ROOT, "evaluate: %.2f s (holdout RMSE %.4f, NDCG@10 %.4f over %d users)%n", evaluate,
				result.rmse(), result.ndcgAtN(), result.usersRanked());

		JdbcClient jdbc = JdbcClient.create(dataSource);
		long version = newVersion(jdbc, model.clusters());
		started = System.nanoTime();
		new ModelStore(jdbc, tools.jackson.databind.json.JsonMapper.builder().build()).save(version,
				new StoredModel(model, loaded.itemKeys(), clusterUsers));
		double persist = seconds(started);
		System.out.printf(Locale.ROOT, "persist: %.2f s%n", persist);
		double whole = load + holdout + fitSeconds + evaluate + persist;
		System.out.printf(Locale.ROOT,
				"refit total (load + split + fit + evaluate + persist): %.1f s; peak heap (pool sum) %d MB%n", whole,
				heap.peakUsed() >> 20);
		return new double[] { fitSeconds, whole };
	}

	private static void saveAndLoad(DataSource dataSource, int items, int clusters) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		ModelStore repository = new ModelStore(jdbc, tools.jackson.databind.json.JsonMapper.builder().build());
		StoredModel model = new StoredModel(io.mixrec.model.RandomModels.withPresence(items, clusters), new long[items],
				new int[clusters]);
		long version = newVersion(jdbc, clusters);
		long started = System.nanoTime();
		repository.save(version, model);
		double save = seconds(started);
		started = System.nanoTime();
		repository.load(version).orElseThrow();
		double load = seconds(started);
		System.out.printf(Locale.ROOT, "model of %d items x K=%d: save %.2f s, load %.2f s%n", items, clusters, save,
				load);
	}

	private static long newVersion(JdbcClient jdbc, int clusters) {
		return jdbc.sql("""
				insert into model_versions (status, trigger, options, seed, clusters, owner)
				values ('succeeded', 'admin', '{"benchmark": true}', 42, ?, 'benchmark') returning version
				""").param(clusters).query(Long.class).single();
	}

	/** Users and items first, then every rating through COPY from a generated stream. */
	private static void populate(DataSource dataSource, PlantedMixture planted) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("truncate ratings, users, items restart identity cascade");
			statement.execute("insert into users (external_id) select 'u' || g from generate_series(0, "
					+ (planted.users() - 1) + ") g");
			statement.execute("insert into items (external_id) select 'i' || g from generate_series(0, "
					+ (planted.items() - 1) + ") g");
			// identity ids start at 1 and follow generate_series order
			long[] count = new long[1];
			Reader reader = new Reader() {
				private final java.util.concurrent.BlockingQueue<String> chunks = new java.util.concurrent.ArrayBlockingQueue<>(
						64);

				private String current = "";

				private int position;

				private boolean done;

				{
					Thread producer = new Thread(() -> {
						StringBuilder chunk = new StringBuilder(1 << 16);
						planted.generate((user, item, rating) -> {
							chunk.append(user + 1)
								.append('\t')
								.append(item + 1)
								.append('\t')
								.append(rating)
								.append("\t2026-01-01T00:00:00Z\n");
							count[0]++;
							if (chunk.length() > 60_000) {
								put(chunk.toString());
								chunk.setLength(0);
							}
						});
						put(chunk.toString());
						put("");
					});
					producer.setDaemon(true);
					producer.start();
				}

				private void put(String chunk) {
					try {
						this.chunks.put(chunk);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}

				@Override
				public int read(char[] buffer, int offset, int length) throws IOException {
					while (this.position == this.current.length()) {
						if (this.done) {
							return -1;
						}
						try {
							this.current = this.chunks.take();
						}
						catch (InterruptedException ex) {
							throw new IOException(ex);
						}
						this.position = 0;
						this.done = this.current.isEmpty();
					}
					int n = Math.min(length, this.current.length() - this.position);
					this.current.getChars(this.position, this.position + n, buffer, offset);
					this.position += n;
					return n;
				}

				@Override
				public void close() {
				}
			};
			// The generated keys reference existing users and items by construction;
			// without
			// this, PostgreSQL queues one foreign key check per row until the end of the
			// COPY,
			// which at 100M rows takes longer than the refit being measured.
			statement.execute("alter table ratings disable trigger all");
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY ratings (user_id, item_id, rating, rated_at) FROM STDIN", reader);
			statement.execute("alter table ratings enable trigger all");
			statement.execute("analyze ratings");
		}
	}

	private static String arg(String[] args, String name, String fallback) {
		for (int k = 0; k + 1 < args.length; k++) {
			if (args[k].equals(name)) {
				return args[k + 1];
			}
		}
		return fallback;
	}

	private static double seconds(long started) {
		return (System.nanoTime() - started) / 1e9;
	}

	/** Heap figures from the memory pools. */
	private static final class Heap {

		long settledUsed() {
			System.gc();
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

		void resetPeaks() {
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					pool.resetPeakUsage();
				}
			}
		}

		/** Sum of each heap pool's peak: an upper bound of the true peak. */
		long peakUsed() {
			long sum = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					sum += pool.getPeakUsage().getUsed();
				}
			}
			return sum;
		}

	}

}
