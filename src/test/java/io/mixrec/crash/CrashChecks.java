package io.mixrec.crash;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mixrec.testsupport.ServiceProcess;
import io.mixrec.testsupport.TestApiKeys;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting, metrics and problem-details checks shared by the crash tests. */
final class CrashChecks {

	private CrashChecks() {
	}

	/**
	 * Polls until a condition holds.
	 * @param timeout how long to wait
	 * @param what the condition, for the failure message
	 * @param condition the condition
	 * @return the milliseconds it took
	 */
	static long await(Duration timeout, String what, BooleanSupplier condition) {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting %s for: %s", timeout, what).isLessThan(deadline);
			sleep(50);
		}
		return (System.nanoTime() - started) / 1_000_000;
	}

	/**
	 * A gauge or counter of the pool named {@code mixrec} from
	 * {@code /actuator/prometheus}.
	 * @param service the service
	 * @param name the Prometheus name, e.g. {@code hikaricp_connections_active}
	 * @return its value
	 */
	static double poolMetric(ServiceProcess service, String name) {
		HttpResponse<String> response = service.api().send("GET", "/actuator/prometheus", TestApiKeys.ADMIN);
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*pool=\"mixrec\"[^}]*\\} (\\S+)$")
			.matcher(response.body());
		assertThat(matcher.find()).as("metric %s in /actuator/prometheus", name).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * Asserts that a response is a 503 problem with {@code Retry-After}, the answer to a
	 * database that cannot serve.
	 * @param response the response
	 */
	static void assertServiceUnavailableProblem(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((
				type) -> assertThat(MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
					.isTrue());
		assertThat(response.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		JsonNode problem = io.mixrec.testsupport.ApiClient.json(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://mixrec.io/problems/service-unavailable");
		assertThat(problem.get("status").asInt()).isEqualTo(503);
	}

	static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
