package io.mixrec.crash;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.ServiceProcess;
import io.mixrec.testsupport.TestApiKeys;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mixrec.crash.CrashChecks.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refits through the admin API of a {@link ServiceProcess}, with a short lease (3 s,
 * heartbeat every 500 ms) so that a dead or frozen runner is noticed within a test.
 */
final class Refits {

	static final Duration LEASE = Duration.ofSeconds(3);

	/**
	 * Long enough to be killed or frozen in, however fast the engine gets: K = 64, the
	 * maximum of 100 restarts (minutes on the 200,000 ratings). Every test that starts
	 * one kills or freezes its runner.
	 */
	static final String LONG = "{\"clusters\": 64, \"restarts\": 100, \"maxIterations\": 1000, \"seed\": 1}";

	/** A refit that finishes in a moment. */
	static final String QUICK = "{\"clusters\": 3, \"maxIterations\": 15, \"seed\": 7}";

	private Refits() {
	}

	/**
	 * @param service a service not started yet
	 * @return the service with the short lease and a 1 s model poll
	 */
	static ServiceProcess shortLease(ServiceProcess service) {
		return service.with("mixrec.refit.lease", LEASE.toMillis() + "ms")
			.with("mixrec.refit.heartbeat", "500ms")
			.with("mixrec.model.poll-interval", "1s");
	}

	static long start(ServiceProcess service, String options) {
		HttpResponse<String> response = service.api()
			.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json", options);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return ApiClient.json(response.body()).get("id").asLong();
	}

	/** Starts a refit and waits until it is no longer running. */
	static long finished(ServiceProcess service, String options) {
		long id = start(service, options);
		await(Duration.ofSeconds(120), "refit " + id + " finishes", () -> !"running".equals(status(service, id)));
		return id;
	}

	/**
	 * Waits until a running refit reports its fit phase with at least one EM iteration
	 * done (heartbeats write both).
	 */
	static JsonNode awaitFitting(ServiceProcess service, long id) {
		JsonNode[] last = new JsonNode[1];
		await(Duration.ofSeconds(120), "refit " + id + " is fitting", () -> {
			last[0] = get(service, id);
			assertThat(last[0].get("status").asString()).isEqualTo("running");
			return "fit".equals(last[0].get("phase").asString()) && last[0].get("iterations").asInt() >= 1;
		});
		return last[0];
	}

	static JsonNode get(ServiceProcess service, long id) {
		HttpResponse<String> response = service.api().send("GET", "/admin/refits/" + id, TestApiKeys.ADMIN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ApiClient.json(response.body());
	}

	static String status(ServiceProcess service, long id) {
		return get(service, id).get("status").asString();
	}

	/** The version in {@code active_model}. */
	static long activeVersion(JdbcClient jdbc) {
		return jdbc.sql("select version from active_model").query(Long.class).single();
	}

	/** The version the process holds in memory, from its gauge; -1 when none. */
	static long servedVersion(ServiceProcess service) {
		HttpResponse<String> response = service.api().send("GET", "/actuator/prometheus", TestApiKeys.ADMIN);
		Matcher matcher = Pattern.compile("(?m)^mixrec_model_active_version(\\{[^}]*\\})? (\\S+)$")
			.matcher(response.body());
		if (!matcher.find()) {
			return -1;
		}
		double value = Double.parseDouble(matcher.group(2));
		return Double.isNaN(value) ? -1 : (long) value;
	}

}
