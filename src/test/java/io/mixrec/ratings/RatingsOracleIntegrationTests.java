package io.mixrec.ratings;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import io.mixrec.MixrecApplication;
import io.mixrec.ratings.RatingsTestSupport.StoredRating;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static io.mixrec.ratings.RatingsTestSupport.storedRatingsOfUsers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency oracle: two service instances on one database, 32 clients sending a
 * random mix of single PUTs, DELETEs and JSON batches over 200 users x 200 items (most
 * traffic on a small hot corner, so that requests really collide), each write with its
 * own random {@code ratedAt}, plus a few requests that must be rejected. Afterwards every
 * stored rating must be explained by the requests that were acknowledged with a 2xx.
 *
 * <p>
 * <b>Why the oracle looks at time.</b> Writes are last-write-wins by {@code ratedAt}, but
 * a DELETE carries no timestamp: it removes whatever is stored when it runs, and any
 * later write recreates the rating whatever its {@code ratedAt}. So the final state of a
 * key depends on the order in which the server applied its writes and deletes, which
 * "latest {@code ratedAt}" alone cannot tell. What the clients do know is real time: a
 * request is applied (committed) after the client started sending it and before the
 * client received the answer. The oracle therefore accepts exactly the final states of
 * some serial order of the acknowledged operations that respects those intervals
 * (linearizability): if request A was answered before request B was sent, A is applied
 * first; overlapping requests may be applied either way. In a serial order the final
 * state of a key is: absent if no write follows the last delete, otherwise the write with
 * the greatest {@code ratedAt} among those after the last delete. Per key:
 * <ul>
 * <li>absent is possible iff there are no writes, or some delete d can come after every
 * write and every other delete ({@code x.sent <= d.acked} for all of them);</li>
 * <li>write w is possible iff every delete can come before it
 * ({@code d.sent <= w.acked}), and either no write has a later {@code ratedAt}, or some
 * delete d can sit between all of those later writes and w: each later write and each
 * delete can precede d, and the later writes can precede w.</li>
 * </ul>
 * (Intervals are an interval order, so these pairwise conditions are enough: a path of
 * "answered before sent" steps implies the direct one.) Keys that no delete touched have
 * exactly one possible state, the plain last-write-wins result; the test counts how many
 * keys had a single possible state and requires most of them to. A batch is applied
 * atomically, and of several elements for one key the latest {@code ratedAt} wins, so the
 * oracle keeps only that element. Every {@code ratedAt} is unique in the run, so a stored
 * rating names the request it came from; requests answered with 4xx must never be that
 * request. DELETEs answered 404 found nothing to delete and count as no-ops.
 */
@MixrecIntegrationTest
// The production pool size on both instances: the test profile's 4 connections are for
// the many cached contexts of a test run, not for 16 clients per instance.
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=10")
class RatingsOracleIntegrationTests extends IntegrationTestBase {

	private static final int CLIENTS = 32;

	private static final int REQUESTS_PER_CLIENT = 30;

	private static final int USERS = 200;

	private static final int ITEMS = 200;

	/** Hot corner: HOT users x HOT items get most of the traffic. */
	private static final int HOT = 8;

	private static final long SEED = 20260101L;

	private static final long BASE_TIME = 1_500_000_000L;

	private static final long TIME_SPAN = 200_000_000L;

	@Autowired
	MeterRegistry registry;

	@Test
	void twoInstancesEndInALastWriteWinsStateExplainedByTheAcknowledgedRequests() throws Exception {
		HikariDataSource database = this.dataSource.unwrap(HikariDataSource.class);
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(MixrecApplication.class)
			.profiles("test")
			.run("--server.port=0", "--spring.datasource.url=" + database.getJdbcUrl(),
					"--spring.datasource.username=" + database.getUsername(),
					"--spring.datasource.password=" + Objects.toString(database.getPassword(), ""),
					"--spring.datasource.hikari.maximum-pool-size=10")) {
			MeterRegistry secondRegistry = second.getBean(MeterRegistry.class);
			double retriesBefore = retries(this.registry) + retries(secondRegistry);
			int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
			Traffic traffic = run(List.of(new ApiClient(this.port), new ApiClient(secondPort)));
			double retries = retries(this.registry) + retries(secondRegistry) - retriesBefore;
			verify(traffic, retries);
		}
	}

	/** The oracle itself, on hand-made histories: it must not accept just anything. */
	@Test
	void oracleAcceptsExactlyTheStatesOfSomeSerialOrder() {
		Op w1 = new Op("k", 1, 10, 0, 1);
		Op w2 = new Op("k", 2, 20, 0, 1);
		Stored s1 = new Stored(1, 10);
		Stored s2 = new Stored(2, 20);
		assertThat(possibleStates(List.of())).containsExactly(Stored.ABSENT);
		assertThat(possibleStates(List.of(w1, w2))).containsExactly(s2);
		assertThat(possibleStates(List.of(w1, new Op("k", 0, -1, 2, 3)))).containsExactly(Stored.ABSENT);
		assertThat(possibleStates(List.of(new Op("k", 0, -1, 0, 1), new Op("k", 1, 10, 2, 3)))).containsExactly(s1);
		// A delete between an older-answered newer write and a later older write.
		assertThat(possibleStates(List.of(w2, new Op("k", 0, -1, 2, 3), new Op("k", 1, 10, 4, 5)))).containsExactly(s1);
		// All three overlap: any of them may have been applied last.
		assertThat(
				possibleStates(List.of(new Op("k", 2, 20, 0, 5), new Op("k", 0, -1, 0, 5), new Op("k", 1, 10, 0, 5))))
			.containsExactlyInAnyOrder(Stored.ABSENT, s1, s2);
		// The delete overlaps the newer write, the older one comes after both: it wins if
		// the delete ran second, and is ignored as older if the delete ran first.
		assertThat(
				possibleStates(List.of(new Op("k", 2, 20, 0, 5), new Op("k", 0, -1, 0, 5), new Op("k", 1, 10, 6, 7))))
			.containsExactlyInAnyOrder(s1, s2);
		// The newer write was sent after the delete was answered: it stays.
		assertThat(
				possibleStates(List.of(new Op("k", 0, -1, 0, 1), new Op("k", 2, 20, 2, 3), new Op("k", 1, 10, 0, 5))))
			.containsExactly(s2);
	}

	private Traffic run(List<ApiClient> instances) throws Exception {
		String run = "oracle-" + Long.toString(System.nanoTime(), 36);
		Traffic traffic = new Traffic(run);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> clients = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			Client client = new Client(traffic, instances, new Random(SEED + c));
			clients.add(pool.submit(() -> {
				start.await();
				client.run();
				return null;
			}));
		}
		long started = System.nanoTime();
		start.countDown();
		for (Future<?> client : clients) {
			client.get(3, TimeUnit.MINUTES);
		}
		pool.shutdown();
		traffic.elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		return traffic;
	}

	private void verify(Traffic traffic, double retries) {
		Map<String, Stored> stored = new HashMap<>();
		for (StoredRating rating : storedRatingsOfUsers(this.jdbc, traffic.run + "-")) {
			stored.put(rating.key(), new Stored(rating.rating(), rating.ratedAt()));
		}

		Map<String, List<Op>> byKey = new HashMap<>();
		for (Op op : traffic.acknowledged) {
			byKey.computeIfAbsent(op.key(), (key) -> new ArrayList<>()).add(op);
		}
		Set<String> keys = new java.util.HashSet<>(byKey.keySet());
		keys.addAll(stored.keySet());
		List<String> violations = new ArrayList<>();
		int determined = 0;
		int withDeletes = 0;
		for (String key : keys) {
			List<Op> ops = byKey.getOrDefault(key, List.of());
			List<Stored> possible = possibleStates(ops);
			determined += (possible.size() == 1) ? 1 : 0;
			withDeletes += ops.stream().anyMatch(Op::isDelete) ? 1 : 0;
			Stored actual = stored.getOrDefault(key, Stored.ABSENT);
			if (!possible.contains(actual)) {
				violations.add(key + ": stored " + actual + ", possible " + possible + ", ops " + ops);
			}
		}
		List<Long> rejectedStored = stored.values()
			.stream()
			.map(Stored::ratedAt)
			.filter(traffic.rejectedTimes::contains)
			.toList();

		long writes = traffic.acknowledged.stream().filter((op) -> !op.isDelete()).count();
		System.out.printf(
				"Concurrency oracle: %d requests in %d ms over 2 instances and %d clients;"
						+ " statuses %s; by kind %s%n",
				traffic.requests(), traffic.elapsedMillis, CLIENTS, new TreeMap<>(traffic.statuses),
				new TreeMap<>(traffic.kinds));
		System.out.printf(
				"Concurrency oracle: %d ratings acknowledged (%d elements sent), %d deletes acknowledged;"
						+ " %d keys checked, %d with deletes, %d with one possible state; %d ratings stored;"
						+ " %d 5xx; %.0f deadlock/serialization retries%n",
				writes, traffic.elementsSent, traffic.acknowledged.size() - writes, keys.size(), withDeletes,
				determined, stored.size(), traffic.serverErrors.size(), retries);

		assertThat(traffic.serverErrors).as("5xx answers").isEmpty();
		assertThat(traffic.unexpected).as("answers other than the expected ones").isEmpty();
		assertThat(rejectedStored).as("ratings of requests answered with 4xx").isEmpty();
		assertThat(violations).as("keys in a state no serial order of the acknowledged requests gives").isEmpty();
		assertThat(traffic.requests()).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
		assertThat(traffic.kinds.get("invalid")).isPositive();
		assertThat(withDeletes).isPositive();
		// Most keys must have had exactly one admissible state (no overlap with a
		// delete).
		assertThat(determined).isGreaterThan(keys.size() * 8 / 10);
	}

	/**
	 * Every final state of a key that a serial order of its acknowledged operations,
	 * consistent with their real-time intervals, produces (see the class comment).
	 */
	static List<Stored> possibleStates(List<Op> ops) {
		List<Op> writes = ops.stream().filter((op) -> !op.isDelete()).toList();
		List<Op> deletes = ops.stream().filter(Op::isDelete).toList();
		List<Stored> possible = new ArrayList<>();
		if (writes.isEmpty() || deletes.stream()
			.anyMatch((last) -> ops.stream().allMatch((op) -> op == last || op.sent() <= last.acked()))) {
			possible.add(Stored.ABSENT);
		}
		for (Op w : writes) {
			if (!deletes.stream().allMatch((d) -> d.sent() <= w.acked())) {
				continue;
			}
			List<Op> later = writes.stream().filter((other) -> other.ratedAt() > w.ratedAt()).toList();
			boolean possibleWinner = later.isEmpty()
					|| (later.stream().allMatch((b) -> b.sent() <= w.acked()) && deletes.stream()
						.anyMatch((last) -> last.sent() <= w.acked()
								&& later.stream().allMatch((b) -> b.sent() <= last.acked())
								&& deletes.stream().allMatch((d) -> d == last || d.sent() <= last.acked())));
			if (possibleWinner) {
				possible.add(new Stored(w.rating(), w.ratedAt()));
			}
		}
		return possible;
	}

	private static double retries(MeterRegistry registry) {
		return registry.find("mixrec.ratings.retries").counters().stream().mapToDouble(Counter::count).sum();
	}

	/**
	 * An acknowledged operation on one key: a write, or a delete ({@code ratedAt} -1).
	 * {@code sent} and {@code acked} are nanoTime readings before the request was sent
	 * and after the answer arrived.
	 */
	record Op(String key, float rating, long ratedAt, long sent, long acked) {

		boolean isDelete() {
			return this.ratedAt < 0;
		}

	}

	/** A key's stored state; {@link #ABSENT} for none. */
	record Stored(float rating, long ratedAt) {

		static final Stored ABSENT = new Stored(0, -1);

		@Override
		public String toString() {
			return (this == ABSENT || this.ratedAt < 0) ? "absent" : this.rating + "@" + this.ratedAt;
		}

	}

	/** What all clients sent and got, collected concurrently. */
	static final class Traffic {

		final String run;

		final Queue<Op> acknowledged = new ConcurrentLinkedQueue<>();

		final Set<Long> usedTimes = ConcurrentHashMap.newKeySet();

		final Set<Long> rejectedTimes = ConcurrentHashMap.newKeySet();

		final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();

		final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

		final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

		final Map<String, Integer> kinds = new ConcurrentHashMap<>();

		volatile long elementsSent;

		long elapsedMillis;

		Traffic(String run) {
			this.run = run;
		}

		int requests() {
			return this.statuses.values().stream().mapToInt(Integer::intValue).sum();
		}

		synchronized void countElements(int count) {
			this.elementsSent += count;
		}

	}

	/** One client: a seeded random mix of requests, each to a random instance. */
	private record Client(Traffic traffic, List<ApiClient> instances, Random random) {

		void run() {
			for (int request = 0; request < REQUESTS_PER_CLIENT; request++) {
				ApiClient api = this.instances.get(this.random.nextInt(this.instances.size()));
				int dice = this.random.nextInt(100);
				if (dice < 40) {
					put(api);
				}
				else if (dice < 60) {
					delete(api);
				}
				else if (dice < 94) {
					batch(api);
				}
				else {
					invalid(api);
				}
			}
		}

		private void put(ApiClient api) {
			String[] key = key();
			float rating = rating();
			long ratedAt = time();
			long sent = System.nanoTime();
			HttpResponse<String> response = api.send("PUT", "/users/" + key[0] + "/ratings/" + key[1],
					TestApiKeys.WRITE, "application/json",
					"{\"rating\": " + rating + ", \"ratedAt\": " + ratedAt + "}");
			long acked = System.nanoTime();
			this.traffic.countElements(1);
			if (record("put", response, 200, 201)) {
				this.traffic.acknowledged.add(new Op(key[0] + "/" + key[1], rating, ratedAt, sent, acked));
			}
		}

		private void delete(ApiClient api) {
			String[] key = key();
			long sent = System.nanoTime();
			HttpResponse<String> response = api.send("DELETE", "/users/" + key[0] + "/ratings/" + key[1],
					TestApiKeys.WRITE);
			long acked = System.nanoTime();
			if (record("delete", response, 204, 404) && response.statusCode() == 204) {
				this.traffic.acknowledged.add(new Op(key[0] + "/" + key[1], 0, -1, sent, acked));
			}
		}

		private void batch(ApiClient api) {
			int size = 2 + this.random.nextInt(19);
			Map<String, Op> latest = new LinkedHashMap<>();
			StringBuilder body = new StringBuilder("[");
			List<Op> elements = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				String[] key = key();
				float rating = rating();
				long ratedAt = time();
				elements.add(new Op(key[0] + "/" + key[1], rating, ratedAt, 0, 0));
				body.append((i > 0) ? "," : "")
					.append("{\"userId\":\"")
					.append(key[0])
					.append("\",\"itemId\":\"")
					.append(key[1])
					.append("\",\"rating\":")
					.append(rating)
					.append(",\"ratedAt\":")
					// Both accepted time formats.
					.append(this.random.nextBoolean() ? Long.toString(ratedAt)
							: "\"" + Instant.ofEpochSecond(ratedAt) + "\"")
					.append('}');
			}
			long sent = System.nanoTime();
			HttpResponse<String> response = api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json",
					body.append(']').toString());
			long acked = System.nanoTime();
			this.traffic.countElements(size);
			if (record("batch", response, 200)) {
				for (Op element : elements) {
					latest.merge(element.key(), element, (a, b) -> (a.ratedAt() > b.ratedAt()) ? a : b);
				}
				latest.values()
					.forEach((op) -> this.traffic.acknowledged
						.add(new Op(op.key(), op.rating(), op.ratedAt(), sent, acked)));
			}
		}

		/**
		 * Requests that must be refused and leave no trace; their times are remembered.
		 */
		private void invalid(ApiClient api) {
			String[] key = key();
			long ratedAt = time();
			this.traffic.rejectedTimes.add(ratedAt);
			String path = "/users/" + key[0] + "/ratings/" + key[1];
			String valid = "{\"rating\": 3, \"ratedAt\": " + ratedAt + "}";
			switch (this.random.nextInt(6)) {
				case 0 -> record("invalid", api.send("PUT", path, TestApiKeys.WRITE, "application/json",
						"{\"rating\": 7.5, \"ratedAt\": " + ratedAt + "}"), 400);
				case 1 -> record("invalid", api.send("PUT", path, TestApiKeys.WRITE, "application/json",
						"{\"rating\": 3.25, \"ratedAt\": " + ratedAt + "}"), 400);
				case 2 -> record("invalid", api.send("PUT", path, TestApiKeys.READ, "application/json", valid), 403);
				case 3 -> record("invalid", api.send("DELETE", path, null), 401);
				case 4 -> record("invalid",
						api.send("PUT", path, TestApiKeys.WRITE, "application/json",
								"{\"rating\": 3, \"ratedAt\": " + (Instant.now().getEpochSecond() + 10 * 86_400) + "}"),
						400);
				default -> {
					// All or nothing: one bad element sinks the valid ones around it.
					long other = time();
					this.traffic.rejectedTimes.add(other);
					String[] second = key();
					record("invalid", api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json",
							"[{\"userId\":\"" + key[0] + "\",\"itemId\":\"" + key[1] + "\",\"rating\":2,\"ratedAt\":"
									+ ratedAt + "},{\"userId\":\"" + second[0] + "\",\"itemId\":\"" + second[1]
									+ "\",\"rating\":\"high\",\"ratedAt\":" + other + "}]"),
							400);
				}
			}
		}

		private boolean record(String kind, HttpResponse<String> response, int... expected) {
			int status = response.statusCode();
			this.traffic.statuses.merge(status, 1, Integer::sum);
			this.traffic.kinds.merge(kind, 1, Integer::sum);
			if (status >= 500) {
				this.traffic.serverErrors.add(kind + " " + status + " " + response.body());
			}
			for (int ok : expected) {
				if (status == ok) {
					return true;
				}
			}
			this.traffic.unexpected.add(kind + " " + status + " " + response.body());
			return false;
		}

		/** Mostly the hot corner, so that requests collide; otherwise anywhere. */
		private String[] key() {
			boolean hot = this.random.nextInt(10) < 7;
			int user = this.random.nextInt(hot ? HOT : USERS);
			int item = this.random.nextInt(hot ? HOT : ITEMS);
			return new String[] { this.traffic.run + "-u" + user, this.traffic.run + "-i" + item };
		}

		private float rating() {
			return 1 + this.random.nextInt(9) / 2f;
		}

		/** A random time no other request of the run uses. */
		private long time() {
			while (true) {
				long time = BASE_TIME + (long) (this.random.nextDouble() * TIME_SPAN);
				if (this.traffic.usedTimes.add(time)) {
					return time;
				}
			}
		}

	}

}
