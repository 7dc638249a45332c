package io.mixrec.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security rules on the running application, where the actuator endpoints exist.
 */
@MixrecIntegrationTest
class SecurityIntegrationTests extends IntegrationTestBase {

	@Test
	void healthIsOpenAndIncludesTheDatabase() {
		HttpResponse<String> response = this.api.send("GET", "/actuator/health", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = ApiClient.json(response.body());
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/db/details").isMissingNode()).isTrue();
	}

	@Test
	void healthDetailsNeedTheAdminKey() {
		JsonNode health = ApiClient.json(this.api.send("GET", "/actuator/health", TestApiKeys.ADMIN).body());

		assertThat(health.at("/components/db/details/database").asString()).isEqualTo("PostgreSQL");
	}

	@Test
	void probesAreOpen() {
		assertThat(this.api.send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		assertThat(this.api.send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusNeedsTheAdminKey() {
		assertThat(this.api.statuses("GET", "/actuator/prometheus", "none", "unknown", "read", "write"))
			.containsExactly(401, 401, 403, 403);

		HttpResponse<String> response = this.api.send("GET", "/actuator/prometheus", TestApiKeys.ADMIN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
	}

	@Test
	void requestsAreMeasuredWithoutObservingEverySecurityFilter() {
		this.api.send("GET", "/ping", TestApiKeys.READ);

		String scrape = this.api.send("GET", "/actuator/prometheus", TestApiKeys.ADMIN).body();
		assertThat(scrape).contains("http_server_requests_seconds_count{");
		assertThat(scrape).doesNotContain("spring_security_");
	}

	@Test
	void readsNeedAKeyByDefaultSoThatNoOneCanEnumerateUsers() {
		for (String path : new String[] { "/users/nobody/ratings", "/users/nobody/ratings/i1", "/items/i1", "/ping",
				"/v3/api-docs" }) {
			assertThat(this.api.send("GET", path, null).statusCode()).as(path).isEqualTo(401);
		}
		assertThat(this.api.send("GET", "/users/nobody/ratings", TestApiKeys.READ).statusCode()).isEqualTo(404);
	}

	@Test
	void infoNeedsTheAdminKeyAndShowsTheBuild() {
		assertThat(this.api.send("GET", "/actuator/info", null).statusCode()).isEqualTo(401);

		HttpResponse<String> response = this.api.send("GET", "/actuator/info", TestApiKeys.ADMIN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(response.body()).at("/build/artifact").asString()).isEqualTo("mixrec");
	}

	@Test
	void unexposedActuatorEndpointsNeedTheAdminKeyToo() {
		assertThat(this.api.send("GET", "/actuator/env", null).statusCode()).isEqualTo(401);
		assertThat(this.api.send("GET", "/actuator/env", TestApiKeys.ADMIN).statusCode()).isEqualTo(404);
	}

	@Test
	void answersSecurityFailuresAsProblems() {
		HttpResponse<String> unauthorized = this.api.send("POST", "/ratings", null, "application/json", "{}");
		HttpResponse<String> forbidden = this.api.send("POST", "/admin/refit", TestApiKeys.WRITE);

		assertThat(unauthorized.statusCode()).isEqualTo(401);
		assertThat(unauthorized.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(ApiClient.json(forbidden.body()).get("type").asString())
			.isEqualTo("https://mixrec.io/problems/forbidden");
	}

	@Test
	void setsNoSessionCookie() {
		HttpResponse<String> response = this.api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json", "{}");

		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

}
