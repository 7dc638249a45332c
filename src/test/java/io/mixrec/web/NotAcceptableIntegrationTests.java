package io.mixrec.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose answer the client would not accept is refused before it does anything:
 * a client that retries on 406 must not write twice.
 */
@MixrecIntegrationTest
class NotAcceptableIntegrationTests extends IntegrationTestBase {

	private static final Map<String, String> HTML_ONLY = Map.of("Accept", "text/html");

	@Test
	void writesAreRefusedBeforeTheyStoreAnything() {
		String user = "accept-" + UUID.randomUUID();
		ApiClient api = new ApiClient(this.port);

		HttpResponse<String> put = api.send("PUT", "/users/" + user + "/ratings/i1", TestApiKeys.WRITE,
				"application/json", "{\"rating\": 4}", HTML_ONLY);
		HttpResponse<String> batch = api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json",
				"[{\"userId\": \"" + user + "\", \"itemId\": \"i2\", \"rating\": 4}]", HTML_ONLY);
		HttpResponse<String> csv = api.send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv",
				"user,item,rating\n" + user + ",i3,4\n", HTML_ONLY);

		assertThat(put.statusCode()).isEqualTo(406);
		assertThat(batch.statusCode()).isEqualTo(406);
		assertThat(csv.statusCode()).isEqualTo(406);
		assertThat(count("select count(*) from users where external_id = ?", user)).isZero();
	}

	@Test
	void aRefitIsNotStartedForAClientThatWouldNotAcceptTheAnswer() {
		long before = this.jdbc.sql("select count(*) from model_versions").query(Long.class).single();

		HttpResponse<String> response = new ApiClient(this.port).send("POST", "/admin/refits", TestApiKeys.ADMIN, null,
				null, HTML_ONLY);

		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(this.jdbc.sql("select count(*) from model_versions").query(Long.class).single()).isEqualTo(before);
	}

}
