package io.mixrec.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem details over a real socket, for the failures that happen before or outside
 * Spring MVC: Tomcat rejecting the request line, Spring Security's firewall, requests
 * that match no handler.
 */
@MixrecIntegrationTest
class ProblemDetailsIntegrationTests {

	@LocalServerPort
	int port;

	ApiClient api;

	@BeforeEach
	void client() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void unknownPathIsNotFoundProblem() {
		HttpResponse<String> response = this.api.send("GET", "/no/such/thing", null);

		assertProblem(response, 404, "not-found");
		assertThat(ApiClient.json(response.body()).get("instance").asString()).isEqualTo("/no/such/thing");
	}

	@Test
	void unknownPathIsNotFoundForAllowedWrites() {
		assertProblem(this.api.send("PUT", "/no/such/thing", TestApiKeys.WRITE, "application/json", "{}"), 404,
				"not-found");
	}

	@Test
	void wrongMethodOnExistingPathIsMethodNotAllowedProblem() {
		// Health is open to every method, so the request reaches Spring MVC.
		HttpResponse<String> response = this.api.send("DELETE", "/actuator/health", null);

		assertProblem(response, 405, "method-not-allowed");
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void urlRejectedBySecurityFirewallIsProblemFromTheErrorPage() {
		HttpResponse<String> response = this.api.send("GET", "/users/a;jsessionid=x", null);

		assertProblem(response, 400, "malformed-request");
		assertThat(ApiClient.json(response.body()).get("instance").asString()).isEqualTo("/users/a;jsessionid=x");
	}

	@Test
	void invalidPercentEncodingRejectedByTomcatIsProblem() {
		String response = this.api.sendRaw("GET /users/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"type\":\"https://mixrec.io/problems/malformed-request\"");
	}

	@Test
	void malformedRequestLineRejectedByTomcatIsProblem() {
		String response = this.api.sendRaw("GET /users/{u1} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"status\":400")
			.doesNotContain("<html");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String slug) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(ApiClient.json(response.body()).get("type").asString())
			.isEqualTo("https://mixrec.io/problems/" + slug);
		assertThat(ApiClient.json(response.body()).get("status").asInt()).isEqualTo(status);
	}

}
