package io.mixrec.web;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency limit in the running application: with one turn, held by a write that
 * waits for a locked table, another request gets 503 after the queue timeout, readiness
 * says DOWN and liveness UP; once the write is through, requests run again.
 */
@MixrecIntegrationTest
@TestPropertySource(properties = { "mixrec.web.max-concurrent-requests=1", "mixrec.web.queue-timeout=300ms" })
class RequestConcurrencyIntegrationTests extends IntegrationTestBase {

	@Test
	void requestsBeyondTheLimitWaitThenGet503AndProbesStillAnswer() throws Exception {
		ApiClient api = new ApiClient(this.port);
		ExecutorService client = Executors.newSingleThreadExecutor();
		Future<HttpResponse<String>> write;
		HttpResponse<String> busy;
		HttpResponse<String> liveness;
		HttpResponse<String> health;
		HttpResponse<String> readiness;
		try (Connection blocker = this.dataSource.getConnection(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("lock table ratings in access exclusive mode");
			write = client.submit(() -> api.send("PUT", "/users/limit-u/ratings/limit-i", TestApiKeys.WRITE,
					"application/json", "{\"rating\": 4}"));
			waitForALockWaiter();

			busy = api.send("GET", "/ping", TestApiKeys.READ);
			liveness = api.send("GET", "/actuator/health/liveness", null);
			health = api.send("GET", "/actuator/health", null);
			readiness = api.send("GET", "/actuator/health/readiness", null);
			blocker.rollback();
		}
		finally {
			client.shutdown();
		}

		assertThat(busy.statusCode()).isEqualTo(503);
		assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(ApiClient.json(busy.body()).get("type").asString())
			.isEqualTo("https://mixrec.io/problems/service-unavailable");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(health.statusCode()).isIn(200, 503);
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
		assertThat(ApiClient.json(readiness.body()).get("status").asString()).isEqualTo("DOWN");
		assertThat(write.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
		assertThat(api.send("GET", "/ping", TestApiKeys.READ).statusCode()).isEqualTo(200);
	}

	private void waitForALockWaiter() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			Long waiting = this.jdbc.sql("select count(*) from pg_locks where not granted").query(Long.class).single();
			if (waiting > 0) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the write never waited for the lock");
	}

}
