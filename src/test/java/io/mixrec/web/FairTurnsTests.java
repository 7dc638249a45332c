package io.mixrec.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Turns are shared between clients: one client never holds more than its share, and a
 * free turn goes to the waiting client that holds the fewest, however many requests
 * another client has queued.
 */
class FairTurnsTests {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void tearDown() {
		this.threads.shutdownNow();
	}

	@Test
	void aClientNeverHoldsMoreThanItsShare() throws InterruptedException {
		FairTurns turns = new FairTurns(4, 2);

		assertThat(turns.acquire("greedy", 0)).isTrue();
		assertThat(turns.acquire("greedy", 0)).isTrue();
		assertThat(turns.acquire("greedy", TimeUnit.MILLISECONDS.toNanos(20))).as("third turn of one client").isFalse();
		assertThat(turns.acquire("polite", 0)).isTrue();
		assertThat(turns.available()).isEqualTo(1);
	}

	@Test
	void aFreeTurnGoesToTheClientThatHoldsTheFewestNotToTheLongestQueue() throws Exception {
		FairTurns turns = new FairTurns(2, 2);
		turns.acquire("greedy", 0);
		turns.acquire("greedy", 0);
		List<String> order = new CopyOnWriteArrayList<>();
		List<Runnable> queued = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			queued.add(() -> take(turns, "greedy", order));
		}
		queued.forEach(this.threads::submit);
		await().atMost(5, TimeUnit.SECONDS).until(() -> waiting(turns) >= 20);
		this.threads.submit(() -> take(turns, "polite", order));
		await().atMost(5, TimeUnit.SECONDS).until(() -> waiting(turns) >= 21);

		turns.release("greedy");

		await().atMost(5, TimeUnit.SECONDS).until(() -> !order.isEmpty());
		assertThat(order.get(0)).isEqualTo("polite");
	}

	private static int waiting(FairTurns turns) {
		return turns.waiting();
	}

	private static void take(FairTurns turns, String client, List<String> order) {
		try {
			if (turns.acquire(client, TimeUnit.SECONDS.toNanos(30))) {
				order.add(client);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
