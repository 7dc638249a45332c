package io.mixrec.crash;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.ServiceProcess;
import io.mixrec.testsupport.TcpProxy;
import io.mixrec.testsupport.TestApiKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mixrec.crash.CrashChecks.assertServiceUnavailableProblem;
import static io.mixrec.crash.CrashChecks.await;
import static io.mixrec.crash.CrashChecks.poolMetric;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica without its database, and with too few connections for its load: replica 3 of
 * {@link Replicas} reaches PostgreSQL through a {@link TcpProxy}, so that the test can
 * cut it off without touching the server, and has a pool of two connections with the
 * shipped connection timeout (3 s). The test checks the data directly.
 */
class DatabaseOutageIntegrationTests {

	private static final int POOL_SIZE = Replicas.PROXIED_POOL_SIZE;

	/**
	 * A client-visible bound for a failing request: the pool's 3 s timeout plus slack.
	 */
	private static final long FAIL_FAST_MILLIS = 5000;

	private static JdbcDatabase database;

	private static TcpProxy proxy;

	private static ServiceProcess service;

	private static JdbcClient jdbc;

	@BeforeEach
	void replicaIsHealthy() {
		Replicas replicas = Replicas.healthy();
		database = replicas.database;
		proxy = replicas.proxy;
		service = replicas.proxied();
		jdbc = replicas.jdbc;
	}

	@Test
	void outageFailsRequestsFastWith503AndTheServiceRecoversByItself() throws Exception {
		Traffic traffic = new Traffic(4);
		traffic.start();
		CrashChecks.sleep(2000);

		long cutAt = System.nanoTime();
		proxy.cut();
		List<Long> healthMillis = new ArrayList<>();
		int healthDuringOutage = -1;
		long downAfterMillis = -1;
		while (System.nanoTime() - cutAt < Duration.ofSeconds(7).toNanos()) {
			long started = System.nanoTime();
			HttpResponse<String> health = service.api().send("GET", "/actuator/health", null);
			healthMillis.add((System.nanoTime() - started) / 1_000_000);
			if (health.statusCode() == 503 && downAfterMillis < 0) {
				assertThat(health.body()).contains("\"status\":\"DOWN\"");
				downAfterMillis = (System.nanoTime() - cutAt) / 1_000_000;
			}
			healthDuringOutage = health.statusCode();
			CrashChecks.sleep(200);
		}
		HttpResponse<String> liveness = service.api().send("GET", "/actuator/health/liveness", null);
		long resumeAt = System.nanoTime();
		proxy.resume();
		long recoveredMillis = await(Duration.ofSeconds(30), "health is UP again after the outage",
				() -> service.healthStatus() == 200);
		long healthyAt = System.nanoTime();
		CrashChecks.sleep(3000);
		List<Result> results = traffic.stop();

		assertThat(traffic.failures).as("requests that got no HTTP answer").isEmpty();
		assertThat(downAfterMillis).as("health went DOWN during the outage").isPositive();
		assertThat(healthDuringOutage).as("health stays DOWN while the database is away").isEqualTo(503);
		assertThat(healthMillis).as("health answer times during the outage (ms)")
			.allSatisfy((millis) -> assertThat(millis).isLessThan(FAIL_FAST_MILLIS));
		assertThat(liveness.statusCode()).as("liveness does not depend on the database").isEqualTo(200);

		List<Result> before = results.stream().filter((r) -> r.finished < cutAt).toList();
		List<Result> during = results.stream().filter((r) -> r.started > cutAt && r.finished < resumeAt).toList();
		List<Result> after = results.stream()
			.filter((r) -> r.started > healthyAt + Duration.ofSeconds(1).toNanos())
			.toList();
		assertThat(before).isNotEmpty().allSatisfy((r) -> assertThat(r.status).isIn(200, 201));
		assertThat(during).as("requests sent during the outage").hasSizeGreaterThanOrEqualTo(4);
		for (Result r : during) {
			assertServiceUnavailableProblem(r.response);
			assertThat(r.millis()).as("time to fail during the outage").isLessThan(FAIL_FAST_MILLIS);
		}
		assertThat(after).as("requests after recovery").isNotEmpty();
		assertThat(after).allSatisfy((r) -> assertThat(r.status).isIn(200, 201));
		assertThat(results).as("no request was answered with a 5xx other than 503")
			.allSatisfy((r) -> assertThat(r.status).isNotIn(500, 502, 504));

		List<Result> acknowledged = results.stream().filter((r) -> r.status == 200 || r.status == 201).toList();
		Map<String, Double> stored = storedRatings("o-");
		for (Result r : acknowledged) {
			assertThat(stored.get(r.user + "/" + r.item)).as("acknowledged rating %s/%s", r.user, r.item)
				.isEqualTo(r.rating);
		}

		double active = awaitPoolIdle();
		assertThat(poolMetric(service, "hikaricp_connections_pending")).isZero();
		assertThat(poolMetric(service, "hikaricp_connections")).isLessThanOrEqualTo(POOL_SIZE);
		assertPoolServesAll();
		assertThat(service.logText()).doesNotContain("Unexpected error while handling");

		long maxFailMillis = during.stream().mapToLong(Result::millis).max().orElse(0);
		System.out.printf(
				"[crash] database outage (proxy cut 7 s): %d requests, %d acknowledged before the cut all present "
						+ "(%d acknowledged in total, all present); %d sent during the outage, all 503 + Retry-After, "
						+ "slowest %d ms; health DOWN after %d ms, answers <= %d ms; UP %d ms after resume; "
						+ "active connections after %.0f, timeouts %.0f%n",
				results.size(), before.size(), acknowledged.size(), during.size(), maxFailMillis, downAfterMillis,
				healthMillis.stream().mapToLong(Long::longValue).max().orElse(0), recoveredMillis, active,
				poolMetric(service, "hikaricp_connections_timeout_total"));
	}

	@Test
	void exhaustedPoolAnswersExcessRequestsWith503QuicklyAndHealthStaysResponsive() throws Exception {
		int requests = 12;
		double timeoutsBefore = poolMetric(service, "hikaricp_connections_timeout_total");
		ExecutorService clients = Executors.newFixedThreadPool(requests);
		List<Future<Result>> futures = new ArrayList<>();
		long healthMillis;
		long livenessMillis;
		int healthStatus;
		int livenessStatus;
		try (Connection blocker = database.connect(); Statement statement = blocker.createStatement()) {
			// Every write now waits for this lock while holding a pooled connection.
			blocker.setAutoCommit(false);
			statement.execute("lock table ratings in access exclusive mode");
			for (int n = 0; n < requests; n++) {
				String user = "busy-u" + n;
				futures.add(clients.submit(() -> Result.send(service, user, "busy-i", 3.5)));
			}
			await(Duration.ofSeconds(20), "both pooled connections wait for the lock",
					() -> lockWaiters() == POOL_SIZE);
			long started = System.nanoTime();
			HttpResponse<String> liveness = service.api().send("GET", "/actuator/health/liveness", null);
			livenessMillis = (System.nanoTime() - started) / 1_000_000;
			livenessStatus = liveness.statusCode();
			started = System.nanoTime();
			HttpResponse<String> health = service.api().send("GET", "/actuator/health", null);
			healthMillis = (System.nanoTime() - started) / 1_000_000;
			healthStatus = health.statusCode();
			// the excess requests give up while the lock is still held
			await(Duration.ofSeconds(20), "the excess requests are answered",
					() -> futures.stream().filter(Future::isDone).count() == requests - POOL_SIZE);
			blocker.rollback();
		}
		List<Result> results = new ArrayList<>();
		for (Future<Result> future : futures) {
			results.add(future.get());
		}
		clients.shutdown();

		List<Result> served = results.stream().filter((r) -> r.status == 201).toList();
		List<Result> refused = results.stream().filter((r) -> r.status != 201).toList();
		assertThat(served).as("requests that held a connection").hasSize(POOL_SIZE);
		assertThat(refused).hasSize(requests - POOL_SIZE);
		for (Result r : refused) {
			assertServiceUnavailableProblem(r.response);
			assertThat(r.response.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(r.millis()).as("time to refuse an excess request").isLessThan(FAIL_FAST_MILLIS);
		}
		Map<String, Double> stored = storedRatings("busy-");
		assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(
				served.stream().map((r) -> r.user + "/" + r.item).collect(Collectors.toSet()));
		assertThat(livenessStatus).isEqualTo(200);
		assertThat(livenessMillis).as("liveness answer time while the pool is exhausted").isLessThan(1000);
		assertThat(healthStatus).as("health answers with a status").isIn(200, 503);
		assertThat(healthMillis).as("health answer time while the pool is exhausted").isLessThan(FAIL_FAST_MILLIS);
		double timeouts = poolMetric(service, "hikaricp_connections_timeout_total") - timeoutsBefore;
		assertThat(timeouts).isGreaterThanOrEqualTo(requests - POOL_SIZE);
		double active = awaitPoolIdle();
		assertPoolServesAll();

		System.out.printf(
				"[crash] pool exhaustion (pool %d, %d concurrent writes blocked by a table lock): %d served after the "
						+ "lock, %d refused with 503 + Retry-After: 1 in %d..%d ms; health %d in %d ms, liveness %d in "
						+ "%d ms; active connections after %.0f%n",
				POOL_SIZE, requests, served.size(), refused.size(),
				refused.stream().mapToLong(Result::millis).min().orElse(0),
				refused.stream().mapToLong(Result::millis).max().orElse(0), healthStatus, healthMillis, livenessStatus,
				livenessMillis, active);
	}

	private static int lockWaiters() {
		return jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
				""").query(Integer.class).single();
	}

	private static Map<String, Double> storedRatings(String prefix) {
		return jdbc.sql("""
				select u.external_id || '/' || i.external_id as key, r.rating
				from ratings r join users u on u.id = r.user_id join items i on i.id = r.item_id
				where u.external_id like ?
				""")
			.param(prefix + "%")
			.query((rs, row) -> Map.entry(rs.getString(1), (double) rs.getFloat(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** Active connections go back to 0 once the traffic is over: nothing leaked. */
	private static double awaitPoolIdle() {
		await(Duration.ofSeconds(10), "no pooled connection stays active",
				() -> poolMetric(service, "hikaricp_connections_active") == 0);
		return poolMetric(service, "hikaricp_connections_active");
	}

	/** As many concurrent requests as the pool has connections all succeed. */
	private static void assertPoolServesAll() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(POOL_SIZE * 2);
		List<Future<Result>> futures = new ArrayList<>();
		for (int n = 0; n < POOL_SIZE * 2; n++) {
			String user = "check-u" + n + "-" + System.nanoTime();
			futures.add(clients.submit(() -> Result.send(service, user, "check-i", 4.0)));
		}
		for (Future<Result> future : futures) {
			assertThat(future.get().status).as("a request after the test").isEqualTo(201);
		}
		clients.shutdown();
	}

	/** Clients writing ratings with new keys until stopped; every answer is recorded. */
	private static final class Traffic {

		private final int clients;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		private final AtomicInteger sequence = new AtomicInteger();

		private @Nullable ExecutorService executor;

		Traffic(int clients) {
			this.clients = clients;
		}

		void start() {
			ExecutorService started = Executors.newFixedThreadPool(this.clients);
			for (int c = 0; c < this.clients; c++) {
				int client = c;
				started.execute(() -> {
					while (this.running.get()) {
						int n = this.sequence.incrementAndGet();
						double rating = 1 + (n % 9) * 0.5;
						try {
							this.results.add(Result.send(service, "o-u" + client, "o-i" + n, rating));
						}
						catch (RuntimeException ex) {
							this.failures.add(ex + " caused by " + ex.getCause());
						}
					}
				});
			}
			this.executor = started;
		}

		List<Result> stop() throws InterruptedException {
			this.running.set(false);
			ExecutorService started = this.executor;
			if (started != null) {
				started.shutdown();
				assertThat(started.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			}
			return List.copyOf(this.results);
		}

	}

	/** One PUT of a rating and its answer. */
	private record Result(String user, String item, double rating, long started, long finished, int status,
			HttpResponse<String> response) {

		static Result send(ServiceProcess service, String user, String item, double rating) {
			long started = System.nanoTime();
			HttpResponse<String> response = service.api()
				.send("PUT", "/users/" + user + "/ratings/" + item, TestApiKeys.WRITE, "application/json",
						"{\"rating\": " + rating + "}");
			return new Result(user, item, rating, started, System.nanoTime(), response.statusCode(), response);
		}

		long millis() {
			return (this.finished - this.started) / 1_000_000;
		}

	}

}
