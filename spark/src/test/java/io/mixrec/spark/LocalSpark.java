package io.mixrec.spark;

import org.apache.spark.sql.SparkSession;

/** One {@code local[2]} session per test JVM, as a two-core executor would see it. */
final class LocalSpark {

	private static SparkSession session;

	private LocalSpark() {
	}

	static synchronized SparkSession session() {
		if (session == null) {
			session = SparkSession.builder()
				.master("local[2]")
				.appName("mixrec-spark-tests")
				.config("spark.ui.enabled", "false")
				.config("spark.sql.shuffle.partitions", "4")
				.config("spark.driver.host", "127.0.0.1")
				.getOrCreate();
			Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "spark-stop"));
		}
		return session;
	}

}
