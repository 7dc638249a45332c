package io.mixrec.ratings;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mixrec.ratings.RatingsTestSupport.StoredRating;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static io.mixrec.ratings.RatingsTestSupport.storedRatingsOfUsers;
import static io.mixrec.ratings.RatingsTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients writing the same few (user, item) keys at once, through all three ways in
 * (single PUTs, JSON batches, CSV imports): no request fails, and the final state is
 * exactly last write wins, computed from the writes that were sent. Every write has its
 * own {@code ratedAt}, handed out in random order, so that the order in which writes
 * arrive says nothing about which one must win.
 */
@MixrecIntegrationTest
class RatingsConcurrencyIntegrationTests extends IntegrationTestBase {

	private static final int CLIENTS = 16;

	private static final int REQUESTS_PER_CLIENT = 12;

	private static final long BASE_TIME = 1_700_000_000L;

	@Test
	void overlappingWritersEndInTheLastWriteWinsState() throws Exception {
		String run = unique("conc");
		List<String> users = List.of(run + "-u0", run + "-u1", run + "-u2", run + "-u3");
		List<String> items = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			items.add(run + "-i" + i);
		}
		Queue<Long> times = shuffledTimes(CLIENTS * REQUESTS_PER_CLIENT * 20, new Random(7));
		Queue<Write> written = new ConcurrentLinkedQueue<>();
		Queue<String> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> clients = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			Client client = new Client(new ApiClient(this.port), new Random(c), users, items, times);
			clients.add(pool.submit(() -> {
				start.await();
				client.run(written, failures);
				return null;
			}));
		}
		start.countDown();
		for (Future<?> client : clients) {
			client.get(2, TimeUnit.MINUTES);
		}
		pool.shutdown();

		assertThat(failures).isEmpty();
		Map<String, Write> expected = new HashMap<>();
		for (Write write : written) {
			expected.merge(write.user() + "/" + write.item(), write, (a, b) -> (a.ratedAt() > b.ratedAt()) ? a : b);
		}
		Map<String, Write> actual = new HashMap<>();
		for (StoredRating stored : storedRatingsOfUsers(this.jdbc, run + "-")) {
			actual.put(stored.key(), new Write(stored.user(), stored.item(), stored.rating(), stored.ratedAt()));
		}
		assertThat(written).hasSizeGreaterThan(CLIENTS * REQUESTS_PER_CLIENT);
		assertThat(actual).isEqualTo(expected);
	}

	private static Queue<Long> shuffledTimes(int count, Random random) {
		List<Long> times = new ArrayList<>();
		for (long t = 0; t < count; t++) {
			times.add(BASE_TIME + t);
		}
		Collections.shuffle(times, random);
		return new ConcurrentLinkedQueue<>(times);
	}

	record Write(String user, String item, float rating, long ratedAt) {

	}

	/** One client: a random mix of single PUTs, batches and small imports. */
	private record Client(ApiClient api, Random random, List<String> users, List<String> items, Queue<Long> times) {

		void run(Queue<Write> written, Queue<String> failures) {
			for (int request = 0; request < REQUESTS_PER_CLIENT; request++) {
				int kind = this.random.nextInt(10);
				List<Write> writes = new ArrayList<>();
				HttpResponse<String> response;
				if (kind < 5) {
					Write write = next();
					writes.add(write);
					response = this.api.send("PUT", "/users/" + write.user() + "/ratings/" + write.item(),
							TestApiKeys.WRITE, "application/json",
							"{\"rating\": " + write.rating() + ", \"ratedAt\": " + write.ratedAt() + "}");
				}
				else if (kind < 8) {
					StringBuilder body = new StringBuilder("[");
					for (int i = 0; i < 5 + this.random.nextInt(16); i++) {
						Write write = next();
						writes.add(write);
						body.append((i > 0) ? "," : "").append(batchElement(write));
					}
					response = this.api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json",
							body.append("]").toString());
				}
				else {
					StringBuilder csv = new StringBuilder("userId,itemId,rating,timestamp\n");
					for (int i = 0; i < 5 + this.random.nextInt(16); i++) {
						Write write = next();
						writes.add(write);
						csv.append(
								"%s,%s,%s,%d\n".formatted(write.user(), write.item(), write.rating(), write.ratedAt()));
					}
					response = this.api.send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv", csv.toString());
				}
				if (response.statusCode() == 200 || response.statusCode() == 201) {
					written.addAll(writes);
				}
				else {
					failures.add(response.statusCode() + " " + response.body());
				}
			}
		}

		private static String batchElement(Write write) {
			return "{\"userId\": \"%s\", \"itemId\": \"%s\", \"rating\": %s, \"ratedAt\": \"%s\"}"
				.formatted(write.user(), write.item(), write.rating(), Instant.ofEpochSecond(write.ratedAt()));
		}

		private Write next() {
			Long time = this.times.poll();
			if (time == null) {
				throw new IllegalStateException("Ran out of unique times");
			}
			return new Write(this.users.get(this.random.nextInt(this.users.size())),
					this.items.get(this.random.nextInt(this.items.size())), 1 + this.random.nextInt(9) / 2f, time);
		}

	}

}
