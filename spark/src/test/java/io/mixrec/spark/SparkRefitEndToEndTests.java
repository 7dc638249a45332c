package io.mixrec.spark;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ratings in PostgreSQL (the local server; {@code MIXREC_TEST_DATABASE_URL} /
 * {@code -Dmixrec.test.postgres} to use another, a database of its own created and
 * dropped), the Spark job reads them in user-key ranges and writes a version, the service
 * (the root build's jar) gates it by itself, on the pairs the job held out, activates it
 * and serves recommendations from it.
 */
class SparkRefitEndToEndTests {

	private static final String SERVER = System.getProperty("mixrec.test.postgres",
			System.getenv().getOrDefault("MIXREC_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"));

	private static final String USER = System.getenv().getOrDefault("MIXREC_TEST_DATABASE_USERNAME", "postgres");

	private static final String DATABASE = "mixrec_spark_"
			+ LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
			+ Long.toHexString(new SplittableRandom().nextLong() & 0xffffffL);

	private static final int USERS = 160;

	private static final int ITEMS = 40;

	static String url;

	@BeforeAll
	static void createDatabase() throws Exception {
		try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
			s.execute("create database " + DATABASE);
		}
		url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + DATABASE;
	}

	@AfterAll
	static void dropDatabase() throws Exception {
		try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
			s.execute("drop database if exists " + DATABASE + " with (force)");
		}
	}

	@Test
	void theServiceGatesActivatesAndServesTheSparkFit() throws Exception {
		// the automatic gate looks for Spark versions every second
		try (ServiceUnderTest service = ServiceUnderTest.start(url, USER, Path.of("target/service-logs/e2e.log"),
				"--mixrec.refit.spark.poll-interval=1s")) {
			// the service migrates the new database
			service.awaitHealthy(Duration.ofSeconds(180));
			insertTastes();

			// the default model, the ensemble
			RefitSettings settings = RefitSettings
				.parse(new String[] { "--jdbc-url", url, "--jdbc-user", USER, "--clusters", "2", "--restarts", "1",
						"--seed", "5", "--read-partitions", "3", "--part-users", "50" });
			SparkRefit.Fitted fitted = SparkRefit.fit(LocalSpark.session(), settings);
			long version = SparkRefit.write(settings, fitted, "spark:e2e");

			try (Connection c = DriverManager.getConnection(url, USER, ""); PreparedStatement q = c.prepareStatement("""
					select status, owner, users, items, ratings, iterations, cardinality(objective_trace),
					       options->>'preset', (options->'engine'->>'seed')::bigint, watermark is not null,
					       (select count(*) from model_clusters m where m.version = v.version),
					       (select kind from model_parameters p where p.version = v.version),
					       (select string_agg(part, ',' order by part) from model_components c
					        where c.version = v.version),
					       trigger, holdout_ratings, holdout_rmse, holdout_ndcg
					from model_versions v where version = ?
					""")) {
				q.setLong(1, version);
				try (ResultSet rs = q.executeQuery()) {
					assertThat(rs.next()).isTrue();
					assertThat(rs.getString(1)).isEqualTo("succeeded");
					assertThat(rs.getString(2)).isEqualTo("spark:e2e");
					assertThat(rs.getInt(3)).isEqualTo(USERS);
					assertThat(rs.getInt(4)).isEqualTo(ITEMS);
					assertThat(rs.getLong(5)).isEqualTo(fitted.ratings());
					assertThat(rs.getInt(6)).isEqualTo(fitted.iterations());
					assertThat(rs.getInt(7)).isEqualTo(fitted.trace().length);
					assertThat(rs.getString(8)).isEqualTo("ensemble");
					assertThat(rs.getLong(9)).isEqualTo(5);
					assertThat(rs.getBoolean(10)).isTrue();
					assertThat(rs.getInt(11)).isEqualTo(2);
					assertThat(rs.getString(12)).isEqualTo("ensemble");
					assertThat(rs.getString(13)).isEqualTo("aspects,items,users");
					assertThat(rs.getString(14)).isEqualTo("spark");
					// the service's default holdout, 2 % of the ratings chosen by key
					assertThat(rs.getInt(15)).isEqualTo(fitted.holdout().testRatings()).isPositive();
					assertThat(rs.getDouble(16)).isEqualTo(fitted.holdout().rmse()).isBetween(0.0, 2.0);
					assertThat(rs.getObject(17)).isNotNull();
				}
			}

			// the service gates the version by itself and activates it: it beats both
			// baselines on the pairs the job held out (no model was active)
			// user 0 likes the first half of the items and has not rated some of them
			String body = awaitServedBy(service, version, "/users/spark-u0/recommendations?limit=3");
			String model = service.get("/admin/models/" + version, ServiceUnderTest.ADMIN).body();
			assertThat(model).as(model)
				.containsPattern("\"status\"\\s*:\\s*\"active\"")
				.containsPattern("\"decision\"\\s*:\\s*\"activate\"")
				.containsPattern("\"heldOutRatings\"\\s*:\\s*" + fitted.holdout().testRatings() + "\\b")
				.containsPattern("\"ratingsChangedSinceFit\"\\s*:\\s*false");
			List<Integer> recommended = new ArrayList<>();
			Matcher item = Pattern.compile("\"itemId\"\\s*:\\s*\"spark-i(\\d+)\"").matcher(body);
			while (item.find()) {
				recommended.add(Integer.parseInt(item.group(1)));
			}
			assertThat(recommended).as(body).isNotEmpty().allMatch((i) -> i < ITEMS / 2);
		}
	}

	private static String awaitServedBy(ServiceUnderTest service, long version, String path) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = service.get(path, ServiceUnderTest.READ);
			last = response.statusCode() + " " + response.body();
			if (response.statusCode() == 200
					&& response.body().matches("(?s).*\"modelVersion\"\\s*:\\s*" + version + "\\b.*")) {
				return response.body();
			}
			Thread.sleep(250);
		}
		throw new AssertionError(
				"version " + version + " was not served within 30 s; last answer: " + last + "\n" + service.logTail());
	}

	/**
	 * Two tastes: even users rate the first half of the items 5 and the second half 1,
	 * odd users the opposite; each user rates about 60 % of the items.
	 */
	private static void insertTastes() throws Exception {
		SplittableRandom random = new SplittableRandom(17);
		try (Connection c = DriverManager.getConnection(url, USER, "")) {
			c.setAutoCommit(false);
			try (Statement s = c.createStatement()) {
				s.execute("insert into users (external_id) select 'spark-u' || n from generate_series(0, " + (USERS - 1)
						+ ") n order by n");
				s.execute("insert into items (external_id) select 'spark-i' || n from generate_series(0, " + (ITEMS - 1)
						+ ") n order by n");
			}
			try (PreparedStatement insert = c.prepareStatement("""
					insert into ratings (user_id, item_id, rating, rated_at)
					values ((select id from users where external_id = ?), (select id from items where external_id = ?),
					        ?, now())
					""")) {
				for (int u = 0; u < USERS; u++) {
					for (int i = 0; i < ITEMS; i++) {
						// user 0 leaves items 0-4 unrated, for the recommendations to
						// find
						boolean rated = (u == 0) ? i >= 5 : random.nextDouble() < 0.6;
						if (!rated) {
							continue;
						}
						boolean likes = (u % 2 == 0) == (i < ITEMS / 2);
						insert.setString(1, "spark-u" + u);
						insert.setString(2, "spark-i" + i);
						insert.setFloat(3, likes ? 5 : 1);
						insert.addBatch();
					}
				}
				insert.executeBatch();
			}
			c.commit();
		}
	}

}
