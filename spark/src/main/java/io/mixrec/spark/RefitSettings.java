package io.mixrec.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSetup;

/**
 * What one Spark refit reads, fits and writes.
 *
 * @param jdbcUrl the service's database: ratings are read from it unless {@code input} is
 * set, and the version is written to it unless {@code dryRun}
 * @param jdbcUser its user
 * @param jdbcPassword its password
 * @param input a CSV or Parquet file (or directory) of {@code user_id, item_id, rating}
 * (the service's numeric ids), or null to read the database
 * @param format {@code csv} or {@code parquet}
 * @param separator the CSV field separator
 * @param preset {@code ensemble} (the service's default model) or {@code classic}
 * @param clusters K (of the ensemble's user mixture; its other parts keep their K)
 * @param restarts restarts (of every part of the ensemble), 0 for the preset's; the
 * classic preset runs them as parallel Spark jobs
 * @param maxIterations E-steps per restart at most, 0 for the preset's
 * @param seed master seed
 * @param partUsers users per Spark partition, 0 for the engine's block size (which makes
 * the fit identical to the in-process one)
 * @param readPartitions partitions of the JDBC read
 * @param holdoutFraction share of ratings held out of the fit and evaluated on, chosen by
 * their keys as the service chooses them (its default 0.02); 0 for none
 * @param holdoutMax about how many ratings at most are held out (the service's default)
 * @param rankingUsers users ranked for the holdout NDCG@10 (the service's default)
 * @param dryRun fit without writing a version
 */
record RefitSettings(String jdbcUrl, String jdbcUser, String jdbcPassword, String input, String format,
		String separator, String preset, int clusters, int restarts, int maxIterations, long seed, int partUsers,
		int readPartitions, double holdoutFraction, int holdoutMax, int rankingUsers, boolean dryRun) {

	static final String USAGE = """
			usage: spark-submit --class io.mixrec.spark.SparkRefit mixrec-spark.jar [options]
			  --jdbc-url URL         the service's database (read ratings, write the version)
			  --jdbc-user USER       default postgres
			  --jdbc-password PW     default empty (or env MIXREC_SPARK_JDBC_PASSWORD)
			  --input PATH           read user_id,item_id,rating from a file instead of the database
			  --format csv|parquet   default csv
			  --separator C          CSV separator, default ',' (\\t for tab)
			  --preset P             ensemble (default, the service's default model) or classic
			  --clusters K           default 16 (the ensemble: of its user mixture)
			  --restarts N           default: the preset's (classic 1; the ensemble 2, 1, 4 per part)
			  --max-iterations N     default: the preset's
			  --seed S               default 0
			  --part-users N         users per partition, default: the engine's block (same fit as in-process)
			  --read-partitions N    JDBC read partitions, default 8
			  --holdout-fraction F   ratings held out by key and evaluated on, default 0.02 (the service's)
			  --holdout-max N        about how many held out at most, default 200000
			  --ranking-users N      users ranked for the holdout NDCG@10, default 1000
			  --dry-run              fit and report, write nothing
			""";

	static RefitSettings parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> flags = new ArrayList<>();
		for (int a = 0; a < args.length; a++) {
			String name = args[a];
			if (!name.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + name + "'\n" + USAGE);
			}
			if (name.equals("--dry-run")) {
				flags.add(name);
				continue;
			}
			if (a + 1 >= args.length) {
				throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
			}
			values.put(name.substring(2), args[++a]);
		}
		RefitSettings settings = new RefitSettings(values.remove("jdbc-url"),
				values.getOrDefault("jdbc-user", "postgres"),
				values.getOrDefault("jdbc-password", System.getenv().getOrDefault("MIXREC_SPARK_JDBC_PASSWORD", "")),
				values.remove("input"), values.getOrDefault("format", "csv").toLowerCase(Locale.ROOT),
				values.getOrDefault("separator", ",").replace("\\t", "\t"), values.getOrDefault("preset", "ensemble"),
				integer(values, "clusters", 16), integer(values, "restarts", 0), integer(values, "max-iterations", 0),
				Long.parseLong(values.getOrDefault("seed", "0")), integer(values, "part-users", 0),
				integer(values, "read-partitions", 8), fraction(values.get("holdout-fraction")),
				integer(values, "holdout-max", 200_000), integer(values, "ranking-users", 1000),
				flags.contains("--dry-run"));
		values.keySet()
			.removeAll(List.of("jdbc-user", "jdbc-password", "format", "separator", "preset", "clusters", "restarts",
					"max-iterations", "seed", "part-users", "read-partitions", "holdout-fraction", "holdout-max",
					"ranking-users"));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next() + "\n" + USAGE);
		}
		return settings.validated();
	}

	private RefitSettings validated() {
		if (!this.preset.equals("classic") && !this.preset.equals("ensemble")) {
			throw new IllegalArgumentException("--preset must be ensemble or classic, was " + this.preset);
		}
		if (this.jdbcUrl == null && (this.input == null || !this.dryRun)) {
			throw new IllegalArgumentException(
					"--jdbc-url is needed to read the ratings or write the version\n" + USAGE);
		}
		if (!this.format.equals("csv") && !this.format.equals("parquet")) {
			throw new IllegalArgumentException("--format must be csv or parquet, was " + this.format);
		}
		if (this.clusters < 1 || this.restarts < 0 || this.maxIterations < 0 || this.partUsers < 0
				|| this.readPartitions < 1 || this.holdoutMax < 0 || this.rankingUsers < 1) {
			throw new IllegalArgumentException("clusters, read partitions and ranking users must be >= 1, "
					+ "restarts, max iterations, part users and holdout max >= 0");
		}
		return this;
	}

	private static double fraction(String text) {
		try {
			double value = (text != null) ? Double.parseDouble(text) : 0.02;
			if (!(value >= 0 && value <= 0.5)) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--holdout-fraction must be a number in [0, 0.5], was '" + text + "'");
		}
	}

	private static int integer(Map<String, String> values, String name, int fallback) {
		String text = values.get(name);
		try {
			return (text != null) ? Integer.parseInt(text) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be an integer, was '" + text + "'");
		}
	}

	/**
	 * @return the engine options the preset fits with; threads do not matter on Spark
	 */
	EmOptions options() {
		EmOptions classic = EmOptions.classic(this.clusters);
		EmOptions.Builder builder = classic.toBuilder().restarts(Math.max(1, this.restarts)).seed(this.seed).threads(1);
		if (this.maxIterations > 0) {
			builder.maxIterations(this.maxIterations);
		}
		return builder.build();
	}

	/**
	 * @return the ensemble's options as the service's refit sets them for a fixed K
	 * ({@link EnsembleSetup}); threads do not matter on Spark
	 */
	EnsembleOptions ensembleOptions() {
		return EnsembleSetup
			.of(this.clusters, (this.restarts > 0) ? this.restarts : null,
					(this.maxIterations > 0) ? this.maxIterations : null, this.seed, 1)
			.options();
	}

	boolean ensemble() {
		return this.preset.equals("ensemble");
	}

}
