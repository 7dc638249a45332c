package io.mixrec.web;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer, problem detail and log line of a request carries its id: the client's
 * {@code X-Request-Id} when it is plausible, a new one otherwise.
 */
@MixrecIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestIdIntegrationTests extends IntegrationTestBase {

	@Test
	void echoesTheClientsIdInTheAnswerAndItsProblem() {
		HttpResponse<String> response = send("GET", "/no/such/thing", TestApiKeys.READ,
				Map.of("X-Request-Id", "client-id.42"));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-id.42");
		assertThat(ApiClient.json(response.body()).get("requestId").asString()).isEqualTo("client-id.42");
	}

	@Test
	void givesEveryAnswerAnIdEvenRejectionsBySecurity() {
		HttpResponse<String> ok = send("GET", "/ping", TestApiKeys.READ, Map.of());
		HttpResponse<String> unauthorized = send("GET", "/ping", null, Map.of());

		assertThat(ok.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f]{32}"));
		String id = unauthorized.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(ApiClient.json(unauthorized.body()).get("requestId").asString()).isEqualTo(id);
	}

	@Test
	void replacesAnIdThatCouldForgeLogLines() {
		HttpResponse<String> response = send("GET", "/ping", TestApiKeys.READ, Map.of("X-Request-Id", "x".repeat(65)));

		assertThat(response.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f]{32}"));
	}

	@Test
	void logLinesOfARequestNameIt(CapturedOutput output) {
		HttpResponse<String> response = new ApiClient(this.port).send("POST", "/ratings/import", TestApiKeys.WRITE,
				"text/csv", "user,item,rating\nrid-user,rid-item,4\n", Map.of("X-Request-Id", "import-7f3a"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Imported 1 rows")))
			.anySatisfy((line) -> assertThat(line).contains("[import-7f3a]"));
	}

	private HttpResponse<String> send(String method, String path, String key, Map<String, String> headers) {
		return new ApiClient(this.port).send(method, path, key, null, null, headers);
	}

}
