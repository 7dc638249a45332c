package io.mixrec.web;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * JSON request bodies are read strictly and within limits on every endpoint: the shape of
 * a body cannot make its tree large, and what a lenient parser would guess (the last of
 * two values, an integer from 1.5, infinity from 1e400) is refused.
 */
@MixrecIntegrationTest
class StrictJsonIntegrationTests extends IntegrationTestBase {

	@Autowired
	JsonMapper jsonMapper;

	@Test
	void theApplicationMapperStopsParsingAtTheTokenLimit() {
		String amplified = "[" + "{},".repeat(300_000) + "{}]";

		assertThatExceptionOfType(StreamConstraintsException.class)
			.isThrownBy(() -> this.jsonMapper.readTree(amplified))
			.withMessageContaining("Token count");
	}

	@Test
	void aBatchOfManyEmptyObjectsWithinTheSizeLimitIsRefusedWhileParsing() {
		String amplified = "[" + "{},".repeat(1_000_000) + "{}]";

		JsonNode problem = problem(send("POST", "/ratings", amplified), 400, "malformed-request");

		assertThat(problem.get("detail").asString()).contains("Token count");
	}

	@Test
	void aPropertyGivenTwiceIsRefusedAndNothingIsStored() {
		String user = unique("user");

		JsonNode problem = problem(send("PUT", "/users/" + user + "/ratings/i1", "{\"rating\": 4, \"rating\": 5}"), 400,
				"malformed-request");

		assertThat(problem.get("detail").asString()).contains("Duplicate");
		assertThat(count("select count(*) from users where external_id = ?", user)).isZero();
	}

	@Test
	void aFractionIsNoIntegerForTheRefitOptions() {
		HttpResponse<String> response = new ApiClient(this.port).send("POST", "/admin/refits", TestApiKeys.ADMIN,
				"application/json", "{\"clusters\": 1.5}");

		problem(response, 400, "malformed-request");
	}

	@Test
	void refitOptionsAreJsonOnly() {
		HttpResponse<String> response = new ApiClient(this.port).send("POST", "/admin/refits", TestApiKeys.ADMIN,
				"application/yaml", "clusters: 4\n");

		problem(response, 415, "unsupported-media-type");
	}

	@Test
	void itemAttributesAreBoundedAndTheirNumbersFinite() {
		String item = unique("item");
		String large = "{\"attributes\": {\"text\": \"" + "x".repeat(60_000) + "\", \"more\": \"" + "y".repeat(10_000)
				+ "\"}}";

		assertThat(problem(send("PUT", "/items/" + item, large), 400, "validation-failed").toString())
			.contains("must be at most 65536 bytes");
		assertThat(problem(send("PUT", "/items/" + item, "{\"attributes\": {\"n\": 1e400}}"), 400, "validation-failed")
			.toString()).contains("finite");
		assertThat(count("select count(*) from items where external_id = ?", item)).isZero();
	}

	private HttpResponse<String> send(String method, String path, String body) {
		return new ApiClient(this.port).send(method, path, TestApiKeys.WRITE, "application/json", body);
	}

	private static JsonNode problem(HttpResponse<String> response, int status, String slug) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode problem = ApiClient.json(response.body());
		assertThat(problem.get("type").asString()).isEqualTo(ErrorTypes.BASE + slug);
		return problem;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
