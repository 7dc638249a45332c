package io.mixrec.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static io.mixrec.testsupport.ProblemAssertions.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem details over a real socket, for the failures that happen before or outside
 * Spring MVC: Tomcat rejecting the request line, Spring Security's firewall, requests
 * that match no handler.
 */
@MixrecIntegrationTest
class ProblemDetailsIntegrationTests extends IntegrationTestBase {

	@Test
	void unknownPathIsNotFoundProblem() {
		HttpResponse<String> response = this.api.send("GET", "/no/such/thing", TestApiKeys.READ);

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

	// an invalid percent-encoding, then a malformed request line
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET /users/%zz HTTP/1.1", "GET /users/{u1} HTTP/1.1" })
	void requestLineRejectedByTomcatIsProblem(String requestLine) {
		String response = this.api.sendRaw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertRawProblem(response, 400, "malformed-request").doesNotContain("<html");
	}

	// Found by the fuzzer (ApiFuzzIntegrationTests): Tomcat throws when it first parses a
	// broken query string, inside argument binding, and that was a 500.
	@Test
	void unparseableQueryStringIsMalformedRequestProblem() {
		assertProblem(this.api.send("GET", "/users/u1/ratings?size=2&=x", TestApiKeys.READ), 400, "malformed-request");
		assertProblem(this.api.send("GET", "/admin/models?before=1&=x", TestApiKeys.ADMIN), 400, "malformed-request");
		String response = this.api.sendRaw("GET /users/u1/ratings?a=%zz HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
				+ TestApiKeys.READ + "\r\nConnection: close\r\n\r\n");
		assertRawProblem(response, 400, "malformed-request");
	}

	// Found by the fuzzer: the problem body was negotiated with the unparseable Accept
	// header too, and the client got a 404 without any body.
	@Test
	void unparseableAcceptHeaderStillGetsTheProblemBody() {
		String response = this.api.sendRaw("GET /items/no-such-item-x HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
				+ TestApiKeys.READ + "\r\nAccept: */*;q=abc\r\nConnection: close\r\n\r\n");

		assertRawProblem(response, 404, "not-found");
	}

	@Test
	void wellFormedAcceptWithoutJsonIsStillNotAcceptable() {
		HttpResponse<String> created = this.api.send("PUT", "/items/accept-probe", TestApiKeys.WRITE,
				"application/json", "{\"title\": \"t\"}");
		assertThat(created.statusCode()).isIn(200, 201);
		String response = this.api.sendRaw("GET /items/accept-probe HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
				+ TestApiKeys.READ + "\r\nAccept: image/png\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 406");
	}

	// Found by the fuzzer: Tomcat answers an unknown HTTP version with 505 and an unknown
	// transfer coding with 501; client garbage must not count as server errors.
	@Test
	void unsupportedHttpVersionIsMalformedRequestProblem() {
		String response = this.api.sendRaw("GET /items/x HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertRawProblem(response, 400, "malformed-request").contains("Unsupported HTTP version");
	}

	@Test
	void unknownTransferCodingIsMalformedRequestProblem() {
		String response = this.api.sendRaw("POST /ratings HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n"
				+ "2\r\n[]\r\n0\r\n\r\n");

		assertRawProblem(response, 400, "malformed-request").contains("Unsupported transfer coding");
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
