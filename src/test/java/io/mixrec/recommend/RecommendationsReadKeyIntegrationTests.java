package io.mixrec.recommend;

import java.util.List;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.OwnDatabase;
import io.mixrec.testsupport.TestApiKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code mixrec.security.require-read-key=true} every recommendations endpoint (and
 * the ping baseline) needs a key with at least the read role. On a database without a
 * model, so a request that passes security gets the 503 of the recommendations feature.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "mixrec.security.require-read-key=true")
@ActiveProfiles("test")
class RecommendationsReadKeyIntegrationTests extends IntegrationTestBase {

	private static final List<String> PATHS = List.of("/users/u1/recommendations", "/users/u1/predictions?itemIds=i1",
			"/users/u1/clusters", "/clusters", "/clusters/0");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		OwnDatabase.register("read-key", registry);
	}

	@Test
	void readsNeedAKeyWithTheReadRole() {
		ApiClient api = new ApiClient(this.port);
		for (String path : PATHS) {
			assertThat(api.send("GET", path, null).statusCode()).as(path).isEqualTo(401);
			assertThat(api.send("GET", path, TestApiKeys.UNKNOWN).statusCode()).as(path).isEqualTo(401);
			for (String key : List.of(TestApiKeys.READ, TestApiKeys.WRITE, TestApiKeys.ADMIN)) {
				assertThat(api.send("GET", path, key).statusCode()).as(path).isEqualTo(503);
			}
		}
		assertThat(api.send("GET", "/ping", null).statusCode()).isEqualTo(401);
		assertThat(api.send("GET", "/ping", TestApiKeys.READ).body()).isEqualTo("{\"status\":\"ok\"}");
	}

	@Test
	void writesToReadEndpointsAreNotReads() {
		ApiClient api = new ApiClient(this.port);
		assertThat(api.send("POST", "/users/u1/recommendations", TestApiKeys.READ).statusCode()).isEqualTo(403);
		assertThat(api.send("POST", "/users/u1/recommendations", TestApiKeys.WRITE).statusCode()).isEqualTo(405);
	}

}
