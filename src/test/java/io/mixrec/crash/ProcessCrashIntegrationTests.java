package io.mixrec.crash;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mixrec.em.PlantedMixture;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.ServiceProcess;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestDatabase;
import io.mixrec.testsupport.TestRatings;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mixrec.crash.CrashChecks.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service killed ({@code kill -9}) or frozen ({@code SIGSTOP}) in the middle of its
 * work, as separate processes from the packaged jar, each test on a database of its own.
 * Refit runs use a short lease (3 s, heartbeat every 500 ms) so that a dead or frozen
 * runner is noticed within the test.
 */
class ProcessCrashIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(3);

	/** Long enough to be killed in: K = 16, five restarts, up to 500 iterations each. */
	private static final String LONG_REFIT = "{\"clusters\": 16, \"restarts\": 5, \"maxIterations\": 500, \"seed\": 1}";

	/** A refit that finishes in a moment. */
	private static final String QUICK_REFIT = "{\"clusters\": 3, \"maxIterations\": 15, \"seed\": 7}";

	private ServiceProcess first;

	private ServiceProcess second;

	@AfterEach
	void stopServices() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void killDuringALargeCsvImportLeavesAllOrNothing() throws Exception {
		JdbcDatabase database = TestDatabase.createEmpty();
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		this.first = ServiceProcess.on("import-kill", database).startHealthy();
		int rows = 2_000_000;
		CsvGenerator csv = new CsvGenerator(rows);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.first.port() + "/ratings/import"))
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE)
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv))
			.build();
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<String>> response = client.sendAsync(request,
				HttpResponse.BodyHandlers.ofString());

		// the server has staged part of the file (COPY into the import's staging table)
		AtomicLong staged = new AtomicLong();
		await(Duration.ofSeconds(60), "the server COPYs part of the import", () -> {
			staged.set(jdbc.sql("""
					select coalesce(max(tuples_processed), 0) from pg_stat_progress_copy
					where datname = current_database()
					""").query(Long.class).single());
			return staged.get() >= 300_000 || response.isDone();
		});
		assertThat(response).as("the import is still running").isNotDone();
		this.first.kill();
		long sentAtKill = csv.rows.get();
		long stagedAtKill = staged.get();
		Throwable clientFailure = null;
		try {
			response.get(30, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			clientFailure = ex.getCause();
		}
		assertThat(clientFailure).as("the client sees the connection break, not an answer").isNotNull();
		long abortMillis = await(Duration.ofSeconds(30), "PostgreSQL ends the killed process's sessions",
				() -> jdbc
					.sql("select count(*) from pg_stat_activity where datname = current_database()"
							+ " and pid <> pg_backend_pid()")
					.query(Long.class)
					.single() == 0);

		this.first.startHealthy();
		long ratings = count(jdbc, "select count(*) from ratings");
		long users = count(jdbc, "select count(*) from users");
		long items = count(jdbc, "select count(*) from items");
		assertThat(ratings == 0 && users == 0 && items == 0 || ratings == rows)
			.as("import entirely absent or entirely present: %d ratings, %d users, %d items", ratings, users, items)
			.isTrue();

		// the restarted service imports normally
		StringBuilder small = new StringBuilder("user,item,rating\n");
		for (int n = 0; n < 1000; n++) {
			small.append("after-u").append(n % 50).append(",after-i").append(n / 50).append(",4\n");
		}
		HttpResponse<String> after = this.first.api()
			.send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv", small.toString());
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(after.body()).get("inserted").asLong()).isEqualTo(1000);
		assertThat(count(jdbc, "select count(*) from ratings")).isEqualTo(ratings + 1000);

		System.out.printf(
				"[crash] kill -9 during a %d-row CSV import: killed after %d rows sent, %d staged by COPY; client got "
						+ "%s; sessions gone after %d ms; after restart %d of the import's rows present (%s); "
						+ "restart healthy, a 1000-row import then succeeded%n",
				rows, sentAtKill, stagedAtKill, clientFailure.getClass().getSimpleName(), abortMillis, ratings,
				(ratings == 0) ? "absent" : "present");
	}

	@Test
	void killDuringARefitKeepsThePreviousModelAndFailsTheStuckRun() {
		JdbcDatabase database = TestDatabase.createEmpty();
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		// migrated here, so that the data loads while the service starts
		database.migrate();
		this.first = refitService("refit-kill", database).start();
		new TestRatings().planted("rk-", new PlantedMixture(4000, 500, 200_000, 4, 11)).insert(database.dataSource());
		this.first.awaitHealthy(Duration.ofSeconds(120));
		long previous = finishedRefit(this.first, QUICK_REFIT);
		assertThat(status(this.first, previous)).isEqualTo("active");

		long doomed = startRefit(this.first, LONG_REFIT);
		JsonNode fitting = awaitPhase(this.first, doomed, "fit");
		this.first.kill();
		this.first.startHealthy();

		JsonNode killed = refit(this.first, doomed);
		assertThat(killed.get("status").asString()).isEqualTo("failed");
		assertThat(killed.get("error").asString()).contains("heartbeats");
		assertThat(status(this.first, previous)).isEqualTo("active");
		assertThat(activeVersion(jdbc)).isEqualTo(previous);
		await(Duration.ofSeconds(10), "the restarted service serves version " + previous,
				() -> servedVersion(this.first) == previous);

		long started = System.nanoTime();
		long next = finishedRefit(this.first, QUICK_REFIT);
		long nextMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(status(this.first, next)).isEqualTo("active");
		assertThat(status(this.first, previous)).isEqualTo("retired");
		await(Duration.ofSeconds(10), "the service serves the new version", () -> servedVersion(this.first) == next);
		assertThat(count(jdbc, "select count(*) from model_clusters where version = " + doomed)).isZero();

		System.out.printf(
				"[crash] kill -9 during a refit (phase %s, %d iterations done): after restart run %d is failed "
						+ "(\"%s\"), version %d kept serving, a new refit %d became active in %d ms%n",
				fitting.get("phase").asString(), fitting.get("iterations").asInt(), doomed,
				killed.get("error").asString(), previous, next, nextMillis);
	}

	@Test
	void refitRunnerFrozenPastItsLeaseCannotPublishAfterAnotherInstanceDid() {
		JdbcDatabase database = TestDatabase.createEmpty();
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		database.migrate();
		this.first = refitService("frozen-a", database).start();
		this.second = refitService("frozen-b", database).start();
		new TestRatings().planted("fz-", new PlantedMixture(4000, 500, 200_000, 4, 12)).insert(database.dataSource());
		this.first.awaitHealthy(Duration.ofSeconds(120));
		this.second.awaitHealthy(Duration.ofSeconds(120));

		long stale = startRefit(this.first, LONG_REFIT);
		awaitPhase(this.first, stale, "fit");
		this.first.pause();
		long frozenAt = System.nanoTime();
		long published;
		try {
			await(Duration.ofSeconds(30), "the other instance fails the frozen run once its lease expired",
					() -> "failed".equals(status(this.second, stale)));
			published = finishedRefit(this.second, QUICK_REFIT);
			assertThat(status(this.second, published)).isEqualTo("active");
		}
		finally {
			this.first.resume();
		}
		long frozenMillis = (System.nanoTime() - frozenAt) / 1_000_000;
		Pattern ended = Pattern.compile("Refit " + stale + " (stopped|failed|succeeded|rejected|active)[^\\n]*");
		await(Duration.ofSeconds(60), "the resumed runner ends its run",
				() -> ended.matcher(this.first.logText()).find());
		Matcher outcome = ended.matcher(this.first.logText());
		assertThat(outcome.find()).isTrue();

		assertThat(activeVersion(jdbc)).isEqualTo(published);
		assertThat(status(this.second, stale)).isEqualTo("failed");
		long stalePublishes = count(jdbc, "select count(*) from model_activations where version = " + stale);
		assertThat(stalePublishes).isZero();
		assertThat(count(jdbc, "select count(*) from model_clusters where version = " + stale)).isZero();
		assertThat(count(jdbc, "select count(*) from model_parameters where version = " + stale)).isZero();
		assertThat(count(jdbc, "select count(*) from model_activations")).isEqualTo(1);
		assertThat(this.first.healthStatus()).isEqualTo(200);
		await(Duration.ofSeconds(15), "the resumed instance serves the published version",
				() -> servedVersion(this.first) == published);

		System.out.printf(
				"[crash] SIGSTOP of a refit runner in its fit for %d ms (lease %d s): the other instance failed run %d "
						+ "and published %d; after SIGCONT the runner logged \"%s\"; stale publishes %d, active %d%n",
				frozenMillis, LEASE.toSeconds(), stale, published, outcome.group(), stalePublishes, published);
	}

	private static ServiceProcess refitService(String name, JdbcDatabase database) {
		return ServiceProcess.on(name, database)
			.with("mixrec.refit.lease", LEASE.toMillis() + "ms")
			.with("mixrec.refit.heartbeat", "500ms")
			.with("mixrec.model.poll-interval", "1s");
	}

	private static long startRefit(ServiceProcess service, String options) {
		HttpResponse<String> response = service.api()
			.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json", options);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return ApiClient.json(response.body()).get("id").asLong();
	}

	private static long finishedRefit(ServiceProcess service, String options) {
		long id = startRefit(service, options);
		await(Duration.ofSeconds(120), "refit " + id + " finishes", () -> !"running".equals(status(service, id)));
		return id;
	}

	private static JsonNode awaitPhase(ServiceProcess service, long id, String phase) {
		JsonNode[] last = new JsonNode[1];
		await(Duration.ofSeconds(120), "refit " + id + " reaches phase " + phase, () -> {
			last[0] = refit(service, id);
			assertThat(last[0].get("status").asString()).isEqualTo("running");
			return phase.equals(last[0].get("phase").asString());
		});
		return last[0];
	}

	private static JsonNode refit(ServiceProcess service, long id) {
		HttpResponse<String> response = service.api().send("GET", "/admin/refits/" + id, TestApiKeys.ADMIN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ApiClient.json(response.body());
	}

	private static String status(ServiceProcess service, long id) {
		return refit(service, id).get("status").asString();
	}

	private static long activeVersion(JdbcClient jdbc) {
		return jdbc.sql("select version from active_model").query(Long.class).single();
	}

	/** The version the process holds in memory, from its gauge; -1 when none. */
	private static long servedVersion(ServiceProcess service) {
		HttpResponse<String> response = service.api().send("GET", "/actuator/prometheus", TestApiKeys.ADMIN);
		Matcher matcher = Pattern.compile("(?m)^mixrec_model_active_version(\\{[^}]*\\})? (\\S+)$")
			.matcher(response.body());
		if (!matcher.find()) {
			return -1;
		}
		double value = Double.parseDouble(matcher.group(2));
		return Double.isNaN(value) ? -1 : (long) value;
	}

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	/**
	 * A CSV of distinct (user, item) pairs generated as it is read, so that the request
	 * body is never held in memory; counts the rows handed out.
	 */
	private static final class CsvGenerator extends InputStream {

		private final int total;

		private final AtomicLong rows = new AtomicLong();

		private byte[] chunk = "user,item,rating\n".getBytes(StandardCharsets.US_ASCII);

		private int position;

		CsvGenerator(int total) {
			this.total = total;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position == this.chunk.length && !refill()) {
				return -1;
			}
			int count = Math.min(length, this.chunk.length - this.position);
			System.arraycopy(this.chunk, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		private boolean refill() {
			long next = this.rows.get();
			if (next >= this.total) {
				return false;
			}
			StringBuilder lines = new StringBuilder(64 * 1024);
			long end = Math.min(this.total, next + 2000);
			for (long n = next; n < end; n++) {
				lines.append("imp-u")
					.append(n / 100)
					.append(",imp-i")
					.append(n % 100)
					.append(',')
					.append(1 + (n % 9) * 0.5)
					.append('\n');
			}
			this.rows.set(end);
			this.chunk = lines.toString().getBytes(StandardCharsets.US_ASCII);
			this.position = 0;
			return true;
		}

	}

}
