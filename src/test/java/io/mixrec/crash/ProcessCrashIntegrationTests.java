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

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.ServiceProcess;
import io.mixrec.testsupport.TestApiKeys;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mixrec.crash.CrashChecks.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica ({@link Replicas}) killed ({@code kill -9}) in the middle of its work and
 * started again, while the other replicas keep running.
 */
class ProcessCrashIntegrationTests {

	private Replicas replicas;

	private ServiceProcess victim;

	@BeforeEach
	void replicasAreHealthy() {
		this.replicas = Replicas.healthy();
		this.victim = this.replicas.replica(2);
	}

	@Test
	void killDuringALargeCsvImportLeavesAllOrNothing() throws Exception {
		JdbcClient jdbc = this.replicas.jdbc;
		long ratingsBefore = CrashChecks.count(jdbc, "select count(*) from ratings");
		int rows = 2_000_000;
		CsvGenerator csv = new CsvGenerator(rows);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.victim.port() + "/ratings/import"))
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE)
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv))
			.build();
		HttpClient client = HttpClient.newHttpClient();
		CompletableFuture<HttpResponse<String>> response = client.sendAsync(request,
				HttpResponse.BodyHandlers.ofString());

		// the server has staged part of the file (COPY into the import's staging table)
		AtomicLong staged = new AtomicLong();
		AtomicLong backend = new AtomicLong();
		await(Duration.ofSeconds(60), "the server COPYs part of the import", () -> {
			jdbc.sql("""
					select pid, tuples_processed from pg_stat_progress_copy
					where datname = current_database() and command = 'COPY FROM'
					""").query((rs) -> {
				backend.set(rs.getLong(1));
				staged.set(rs.getLong(2));
			});
			return staged.get() >= 300_000 || response.isDone();
		});
		assertThat(response).as("the import is still running").isNotDone();
		this.victim.kill();
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
		long abortMillis = await(Duration.ofSeconds(30), "PostgreSQL ends the import's session", () -> CrashChecks
			.count(jdbc, "select count(*) from pg_stat_activity where pid = " + backend.get()) == 0);

		this.victim.startHealthy();
		long ratings = CrashChecks.count(jdbc,
				"select count(*) from ratings r join users u on u.id = r.user_id where u.external_id like 'imp-%'");
		long users = CrashChecks.count(jdbc, "select count(*) from users where external_id like 'imp-%'");
		long items = CrashChecks.count(jdbc, "select count(*) from items where external_id like 'imp-%'");
		assertThat(ratings == 0 && users == 0 && items == 0 || ratings == rows)
			.as("import entirely absent or entirely present: %d ratings, %d users, %d items", ratings, users, items)
			.isTrue();

		// the restarted service imports normally
		StringBuilder small = new StringBuilder("user,item,rating\n");
		for (int n = 0; n < 1000; n++) {
			small.append("after-u").append(n % 50).append(",after-i").append(n / 50).append(",4\n");
		}
		HttpResponse<String> after = this.victim.api()
			.send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv", small.toString());
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(after.body()).get("inserted").asLong()).isEqualTo(1000);
		assertThat(CrashChecks.count(jdbc, "select count(*) from ratings")).isEqualTo(ratingsBefore + ratings + 1000);

		System.out
			.printf("[crash] kill -9 during a %d-row CSV import: killed after %d rows sent, %d staged by COPY; client got "
					+ "%s; its database session ended %d ms after the kill; after restart %d of the import's rows present (%s); "
					+ "restart healthy, a 1000-row import then succeeded%n", rows, sentAtKill, stagedAtKill,
					clientFailure.getClass().getSimpleName(), abortMillis, ratings,
					(ratings == 0) ? "absent" : "present");
	}

	@Test
	void killDuringARefitKeepsThePreviousModelAndFailsTheStuckRun() {
		JdbcClient jdbc = this.replicas.jdbc;
		long previous = Refits.finished(this.victim, Refits.QUICK);
		assertThat(Refits.status(this.victim, previous)).isEqualTo("active");

		long doomed = Refits.start(this.victim, Refits.LONG);
		JsonNode fitting = Refits.awaitFitting(this.victim, doomed);
		this.victim.kill();
		this.victim.startHealthy();

		JsonNode killed = Refits.get(this.victim, doomed);
		assertThat(killed.get("status").asString()).isEqualTo("failed");
		assertThat(killed.get("error").asString()).contains("heartbeats");
		assertThat(Refits.status(this.victim, previous)).isEqualTo("active");
		assertThat(Refits.activeVersion(jdbc)).isEqualTo(previous);
		await(Duration.ofSeconds(10), "the restarted service serves version " + previous,
				() -> Refits.servedVersion(this.victim) == previous);

		long started = System.nanoTime();
		long next = Refits.finished(this.victim, Refits.QUICK);
		long nextMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(Refits.status(this.victim, next)).isEqualTo("active");
		assertThat(Refits.status(this.victim, previous)).isEqualTo("retired");
		await(Duration.ofSeconds(10), "the service serves the new version",
				() -> Refits.servedVersion(this.victim) == next);
		assertThat(CrashChecks.count(jdbc, "select count(*) from model_clusters where version = " + doomed)).isZero();

		System.out.printf(
				"[crash] kill -9 during a refit (phase %s, %d iterations done): after restart run %d is failed "
						+ "(\"%s\"), version %d kept serving, a new refit %d became active in %d ms%n",
				fitting.get("phase").asString(), fitting.get("iterations").asInt(), doomed,
				killed.get("error").asString(), previous, next, nextMillis);
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
