package io.mixrec.dashboard;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestRatings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dashboard reads about refits, through the API: progress while a refit runs (at
 * every EM iteration, not every heartbeat), the paged and filtered history with each
 * run's trigger, options, initialisation and gate decision, and version numbers without
 * gaps when a start is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(DashboardTestDatabase.class)
class RefitHistoryIntegrationTests extends IntegrationTestBase {

	private static final String MIXTURE = "{\"preset\": \"mixture\", \"clusters\": 8, \"restarts\": 2}";

	private static final String ENSEMBLE = "{\"preset\": \"ensemble\", \"clusters\": 16}";

	@Test
	void historyProgressAndVersionNumbers() throws InterruptedException {
		new TestRatings().tastes("hist", 1500, 1200, 8, 40, 11).insert(DashboardTestDatabase.database().dataSource());
		ApiClient api = new ApiClient(this.port);

		long first = start(api, ENSEMBLE);
		List<JsonNode> firstRun = follow(api, first);
		// the heartbeat is 5 s; the run's own instance shows every iteration at once
		assertThat(firstRun).anySatisfy((view) -> {
			assertThat(view.get("status").asString()).isEqualTo("running");
			assertThat(view.get("objectiveTrace").size()).isPositive();
			assertThat(view.get("iterations").asInt()).isEqualTo(view.get("objectiveTrace").size());
			assertThat(view.get("objective").asDouble())
				.isEqualTo(view.get("objectiveTrace").get(view.get("objectiveTrace").size() - 1).asDouble());
			assertThat(view.get("fitting").asString()).containsPattern("(users|items|aspects), restart \\d+");
		});
		assertThat(traceLengths(firstRun)).as("the trace grows while it runs").hasSizeGreaterThanOrEqualTo(2);

		// a start refused while another instance runs a refit uses up no version number
		long elsewhere = this.jdbc.sql("""
				insert into model_versions (status, trigger, options, seed, clusters, owner)
				values ('running', 'admin', '{}', 1, 2, 'another-instance') returning version
				""").query(Long.class).single();
		HttpResponse<String> refused = api.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json",
				ENSEMBLE);
		assertThat(refused.statusCode()).isEqualTo(409);
		this.jdbc.sql("update model_versions set status = 'failed', finished_at = now() where version = ?")
			.param(elsewhere)
			.update();
		long second = start(api, ENSEMBLE);
		assertThat(second).as("no gap in version numbers").isEqualTo(elsewhere + 1);
		assertThat(follow(api, second)).anySatisfy((view) -> {
			assertThat(view.get("status").asString()).isEqualTo("running");
			// the first run's duration predicts this one's
			assertThat(view.get("etaSeconds").isNumber()).isTrue();
		});

		long coldStart = start(api, MIXTURE);
		follow(api, coldStart);
		long warmStart = start(api, MIXTURE.replace("}", ", \"warmStart\": true}"));
		follow(api, warmStart);

		JsonNode newest = page(api, "?size=1");
		assertThat(newest.get("totalElements").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(newest.get("totalPages").asInt()).isGreaterThanOrEqualTo(2);
		JsonNode warm = newest.get("refits").get(0);
		assertThat(warm.get("id").asLong()).isEqualTo(warmStart);
		assertThat(warm.get("status").asString()).isEqualTo("active");
		assertThat(warm.get("trigger").asString()).isEqualTo("admin");
		assertThat(warm.get("initialisation").asString()).isEqualTo("warm");
		assertThat(warm.get("warmStartVersion").asLong()).isEqualTo(coldStart);
		assertThat(warm.get("options").get("preset").asString()).isEqualTo("mixture");
		assertThat(warm.get("gateDecision").asString()).isIn("activate", "reject");
		assertThat(warm.get("holdoutRmse").isNumber()).isTrue();

		JsonNode cold = page(api, "?size=1&page=1").get("refits").get(0);
		assertThat(cold.get("id").asLong()).isEqualTo(coldStart);
		assertThat(cold.get("initialisation").asString()).isEqualTo("cold");
		assertThat(cold.get("options").get("engine").get("restarts").asInt()).isEqualTo(2);

		JsonNode retired = page(api, "?status=retired&status=failed");
		assertThat(retired.get("refits").valueStream().map((r) -> r.get("status").asString())).isNotEmpty()
			.allMatch((status) -> status.equals("retired") || status.equals("failed"));
		assertThat(retired.get("refits").valueStream().map((r) -> r.get("id").asLong())).contains(coldStart, elsewhere)
			.doesNotContain(warmStart)
			.isSortedAccordingTo((a, b) -> Long.compare(b, a));

		JsonNode model = ApiClient.json(api.send("GET", "/admin/models/" + warmStart, TestApiKeys.ADMIN).body());
		assertThat(model.get("initialisation").asString()).isEqualTo("warm");
		assertThat(model.get("warmStartVersion").asLong()).isEqualTo(coldStart);
		assertThat(model.get("gateDecision").asString()).isEqualTo(model.get("gate").get("decision").asString());

		HttpResponse<String> bad = api.send("GET", "/admin/refits?status=finished", TestApiKeys.ADMIN);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(ApiClient.json(bad.body()).get("errors").get(0).get("field").asString()).isEqualTo("status");
		assertThat(api.send("GET", "/admin/refits?size=0", TestApiKeys.ADMIN).statusCode()).isEqualTo(400);
		assertThat(api.send("GET", "/admin/refits", TestApiKeys.WRITE).statusCode()).isEqualTo(403);
	}

	@Test
	void ratingActivityCountsTheRatingsWrittenLately() {
		ApiClient api = new ApiClient(this.port);
		HttpResponse<String> written = api.send("PUT", "/users/activity-user/ratings/activity-item", TestApiKeys.WRITE,
				"application/json", "{\"rating\": 4}");
		assertThat(written.statusCode()).isIn(200, 201);
		JsonNode activity = ApiClient.json(api.send("GET", "/admin/ratings/activity", TestApiKeys.ADMIN).body());
		assertThat(activity.get("stored").asLong()).isPositive();
		assertThat(activity.get("storedEstimated").asBoolean()).isFalse();
		assertThat(activity.get("hourly").size()).isEqualTo(48);
		assertThat(activity.get("daily").size()).isEqualTo(30);
		JsonNode thisHour = activity.get("hourly").get(47);
		assertThat(thisHour.get("ratings").asLong()).isPositive();
		long hourly = activity.get("hourly").valueStream().mapToLong((b) -> b.get("ratings").asLong()).sum();
		assertThat(hourly).isLessThanOrEqualTo(activity.get("stored").asLong());
		assertThat(activity.get("daily").get(29).get("ratings").asLong())
			.isGreaterThanOrEqualTo(thisHour.get("ratings").asLong());
	}

	private static long start(ApiClient api, String options) {
		HttpResponse<String> started = api.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json",
				options);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		return ApiClient.json(started.body()).get("id").asLong();
	}

	/** Polls a run until it ends; every answer, in order. */
	private static List<JsonNode> follow(ApiClient api, long id) throws InterruptedException {
		List<JsonNode> views = new ArrayList<>();
		for (int k = 0; k < 3000; k++) {
			JsonNode view = ApiClient.json(api.send("GET", "/admin/refits/" + id, TestApiKeys.ADMIN).body());
			views.add(view);
			if (!view.get("status").asString().equals("running")) {
				return views;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("refit " + id + " did not finish");
	}

	private static List<Integer> traceLengths(List<JsonNode> views) {
		return views.stream()
			.filter((view) -> view.get("status").asString().equals("running"))
			.map((view) -> view.get("objectiveTrace").size())
			.filter((length) -> length > 0)
			.distinct()
			.toList();
	}

	private static JsonNode page(ApiClient api, String query) {
		HttpResponse<String> response = api.send("GET", "/admin/refits" + query, TestApiKeys.ADMIN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ApiClient.json(response.body());
	}

}
