package io.mixrec.refit;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problems the model and refit admin endpoints answer with, whole: status, type,
 * title and detail, as clients read them.
 */
@MixrecIntegrationTest
class AdminProblemsIntegrationTests extends IntegrationTestBase {

	private static final long UNKNOWN = 987_654_321L;

	@ParameterizedTest
	@CsvSource({ "GET, /admin/models/%d, No model version %d.", "POST, /admin/models/%d/activate, No model version %d.",
			"GET, /admin/refits/%d, No refit %d.", "POST, /admin/refits/%d/cancel, No refit %d." })
	void unknownVersionIsNotFound(String method, String path, String detail) {
		assertProblem(send(method, path.formatted(UNKNOWN), null), 404, """
				{"type": "https://mixrec.io/problems/not-found", "title": "Not Found", "status": 404,
				 "detail": "%s"}""".formatted(detail.formatted(UNKNOWN)));
	}

	@Test
	void unknownStatusFilterIsAValidationFailure() {
		assertProblem(send("GET", "/admin/refits?status=running,bogus", null), 400,
				"""
						{"type": "https://mixrec.io/problems/validation-failed", "title": "Validation failed", "status": 400,
						 "detail": "The request has 1 invalid field; see 'errors'.",
						 "errors": [{"field": "status",
						             "message": "must be one of running, succeeded, failed, cancelled, rejected, active, retired"}]}""");
	}

	@Test
	void warmStartOfTheEnsembleIsAValidationFailureThatStartsNothing() {
		long before = count("select count(*) from model_versions");

		assertProblem(send("POST", "/admin/refits", "{\"preset\": \"ensemble\", \"warmStart\": true}"), 400, """
				{"type": "https://mixrec.io/problems/validation-failed", "title": "Validation failed", "status": 400,
				 "detail": "Warm starts apply to the mixture and classic presets.",
				 "errors": [{"field": "warmStart", "message": "applies to the mixture and classic presets only"}]}""");
		assertThat(count("select count(*) from model_versions")).isEqualTo(before);
	}

	private HttpResponse<String> send(String method, String path, String body) {
		return (body != null) ? this.api.send(method, path, TestApiKeys.ADMIN, "application/json", body)
				: this.api.send(method, path, TestApiKeys.ADMIN);
	}

	private static void assertProblem(HttpResponse<String> response, int status, String expected) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = ApiClient.json(response.body());
		JsonNode wanted = ApiClient.json(expected);
		wanted.properties()
			.forEach((member) -> assertThat(problem.get(member.getKey())).as(member.getKey())
				.isEqualTo(member.getValue()));
	}

}
