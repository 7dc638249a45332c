package io.mixrec.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * At most N requests run at a time; the others wait their turn, or get 503 after the
 * queue timeout; health probes never wait.
 */
class RequestConcurrencyLimitFilterTests {

	private final ExecutorService clients = Executors.newCachedThreadPool();

	private final ProblemDetailsWriter problems = new ProblemDetailsWriter(JsonMapper.builder().build());

	@AfterEach
	void tearDown() {
		this.clients.shutdownNow();
	}

	@Test
	void aRequestWaitsForATurnAndRunsWhenOneIsFree() throws Exception {
		RequestConcurrencyLimitFilter filter = filter(1, Duration.ofSeconds(30));
		CountDownLatch release = new CountDownLatch(1);
		Future<MockHttpServletResponse> first = holdATurn(filter, "/users/a/recommendations", release);
		CountDownLatch secondRan = new CountDownLatch(1);
		Future<MockHttpServletResponse> second = this.clients
			.submit(() -> run(filter, "/ping", (request, response) -> secondRan.countDown()));

		assertThat(secondRan.await(200, TimeUnit.MILLISECONDS)).as("no turn while the first runs").isFalse();
		release.countDown();
		assertThat(secondRan.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(first.get().getStatus()).isEqualTo(200);
		assertThat(second.get().getStatus()).isEqualTo(200);
		assertThat(filter.availableTurns()).isEqualTo(1);
	}

	@Test
	void aRequestThatWaitsTooLongIsAnswered503AndHealthProbesNeverWait() throws Exception {
		RequestConcurrencyLimitFilter filter = filter(1, Duration.ofMillis(50));
		CountDownLatch release = new CountDownLatch(1);
		Future<MockHttpServletResponse> first = holdATurn(filter, "/ping", release);

		boolean[] ran = new boolean[1];
		MockHttpServletResponse busy = run(filter, "/users/b/recommendations", (request, response) -> ran[0] = true);
		MockHttpServletResponse liveness = run(filter, "/actuator/health/liveness",
				(request, response) -> ((MockHttpServletResponse) response).setStatus(204));
		MockHttpServletResponse health = run(filter, "/actuator/health", (request, response) -> {
		});

		assertThat(ran[0]).isFalse();
		assertThat(busy.getStatus()).isEqualTo(503);
		assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
		assertThat(busy.getContentType()).startsWith("application/problem+json");
		assertThat(busy.getContentAsString()).contains("\"type\":\"https://mixrec.io/problems/service-unavailable\"",
				"\"instance\":\"/users/b/recommendations\"");
		assertThat(liveness.getStatus()).isEqualTo(204);
		assertThat(health.getStatus()).isEqualTo(200);
		release.countDown();
		assertThat(first.get().getStatus()).isEqualTo(200);
		assertThat(filter.availableTurns()).isEqualTo(1);
	}

	@Test
	void aFailingRequestGivesItsTurnBack() {
		RequestConcurrencyLimitFilter filter = filter(2, Duration.ofSeconds(1));

		assertThatThrownBy(() -> run(filter, "/ping", (request, response) -> {
			throw new IllegalStateException("boom");
		})).hasMessage("boom");

		assertThat(filter.availableTurns()).isEqualTo(2);
	}

	@Test
	void theDefaultLimitIsFourRequestsPerProcessor() {
		RequestConcurrencyProperties defaults = properties(0, 10, 0);

		assertThat(defaults.limit(2)).isEqualTo(8);
		assertThat(defaults.perClient(2)).isEqualTo(4);
		assertThat(properties(3, 10, 0).limit(2)).isEqualTo(3);
		assertThat(properties(3, 10, 0).perClient(2)).isEqualTo(1);
		assertThat(properties(8, 10, 20).perClient(2)).isEqualTo(8);
		assertThatIllegalArgumentException().isThrownBy(() -> properties(0, -1, 0));
	}

	private RequestConcurrencyLimitFilter filter(int turns, Duration queueTimeout) {
		return new RequestConcurrencyLimitFilter(turns, queueTimeout.toNanos(), this.problems);
	}

	private static RequestConcurrencyProperties properties(int max, int timeoutSeconds, int perClient) {
		return new RequestConcurrencyProperties(max, Duration.ofSeconds(timeoutSeconds), perClient, 32,
				Duration.ofSeconds(2));
	}

	/** Runs a request that holds its turn until {@code release}; returns once it runs. */
	@Test
	void aBodyThatTheFullSpoolCannotTakeIsAnswered503WithRetryAfter(@TempDir Path spoolDirectory) throws Exception {
		TransferProperties transfer = new TransferProperties(DataSize.ofMegabytes(4), DataSize.ofGigabytes(2),
				DataSize.ofBytes(10), spoolDirectory, DataSize.ofBytes(100), DataSize.ofKilobytes(16),
				Duration.ofSeconds(10), DataSize.ofMegabytes(1));
		try (BodySpool spool = new BodySpool(transfer)) {
			RequestConcurrencyLimitFilter filter = new RequestConcurrencyLimitFilter(new FairTurns(1, 1),
					TimeUnit.SECONDS.toNanos(30), 10, spool, transfer, this.problems);
			MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ratings");
			request.setContentType("application/json");
			request.setContent(new byte[200]);
			MockHttpServletResponse response = new MockHttpServletResponse();
			boolean[] ran = new boolean[1];

			filter.doFilter(request, response, (req, res) -> ran[0] = true);

			assertThat(ran[0]).isFalse();
			assertThat(response.getStatus()).isEqualTo(503);
			assertThat(response.getHeader("Retry-After")).isEqualTo("5");
			assertThat(response.getHeader("Connection")).isEqualTo("close");
			assertThat(response.getContentType()).startsWith("application/problem+json");
			assertThat(response.getContentAsString()).contains(
					"\"type\":\"https://mixrec.io/problems/service-unavailable\"",
					"\"detail\":\"The service cannot take more uploads right now. Retry later.\"",
					"\"instance\":\"/ratings\"");
		}
	}

	private Future<MockHttpServletResponse> holdATurn(RequestConcurrencyLimitFilter filter, String path,
			CountDownLatch release) throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		Future<MockHttpServletResponse> held = this.clients.submit(() -> run(filter, path, (request, response) -> {
			running.countDown();
			await(release);
		}));
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
		return held;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static MockHttpServletResponse run(RequestConcurrencyLimitFilter filter, String path, FilterChain chain)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, chain);
		return response;
	}

}
