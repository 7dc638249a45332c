package io.mixrec.recommend;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mixrec.em.PlantedMixture;
import io.mixrec.model.ActiveModelWatcher;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.OwnDatabase;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestRatings;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The recommendations API end to end on PostgreSQL: before the first model (503), then
 * after a refit of planted ratings through the admin API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationsIntegrationTests extends IntegrationTestBase {

	private static final int ITEMS = 100;

	private static boolean modelReady;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		OwnDatabase.register("recommendations", registry);
	}

	@Autowired
	ActiveModelWatcher watcher;

	@Autowired
	ServingModels servingModels;

	@Test
	@Order(1)
	void everyEndpointIs503WithRetryAfterBeforeTheFirstModel() {
		assertThat(activeVersion()).isNull();
		for (String path : List.of("/users/rec-u1/recommendations", "/users/rec-u1/predictions?itemIds=rec-i1",
				"/users/rec-u1/clusters", "/clusters", "/clusters/0")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("60");
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = ApiClient.json(response.body());
			assertThat(problem.get("type").asString()).isEqualTo("https://mixrec.io/problems/no-active-model");
			assertThat(problem.get("detail").asString()).contains("refit");
		}
	}

	@Test
	void recommendationsExcludeRatedItemsAreSortedAndCarryTheModelVersion() {
		long version = ensureModel();
		Set<String> rated = ratedItems("rec-u5");
		assertThat(rated).isNotEmpty();
		JsonNode body = okJson("/users/rec-u5/recommendations?limit=20");
		assertThat(body.get("userId").asString()).isEqualTo("rec-u5");
		assertThat(body.get("modelVersion").asLong()).isEqualTo(version);
		assertThat(body.get("coldStart").asBoolean()).isFalse();
		assertThat(body.get("ratingsUsed").asInt()).isEqualTo(rated.size());
		assertThat(body.get("ranking").asString()).isEqualTo("rate-and-like");
		assertThat(body.get("clusters")).hasSize(3);
		List<String> ids = itemIds(body);
		assertThat(ids).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(rated);
		double previous = Double.POSITIVE_INFINITY;
		for (JsonNode item : body.get("items")) {
			assertThat(item.get("score").asDouble()).isLessThanOrEqualTo(previous).isBetween(0.0, 1.0);
			previous = item.get("score").asDouble();
			assertThat(item.get("predictedRating").asDouble()).isBetween(1.0, 5.0);
			assertThat(item.get("stdDev").asDouble()).isPositive();
		}
		assertThat(okJson("/users/rec-u5/recommendations").get("items")).as("default limit").hasSize(10);
	}

	@Test
	void aNewModelIsPreparedForServingBeforeItIsSwappedIn() {
		long before = ensureModel();
		HttpResponse<String> started = this.api.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json",
				"{\"clusters\": 4, \"seed\": 3}");
		assertThat(started.statusCode()).isEqualTo(202);
		long next = ApiClient.json(started.body()).get("id").asLong();
		awaitFinished(next);
		if (!Long.valueOf(next).equals(activeVersion())) {
			// the quality gate may keep the old model when other tests added ratings
			assertThat(this.api.send("POST", "/admin/models/" + next + "/activate", TestApiKeys.ADMIN).statusCode())
				.isEqualTo(200);
		}
		this.watcher.refresh();
		assertThat(activeVersion()).isEqualTo(next).isNotEqualTo(before);
		ServingModel upcoming = this.servingModels.upcoming();
		assertThat(upcoming).as("prepared by the watcher before the swap").isNotNull();
		assertThat(upcoming.snapshot().version()).isEqualTo(next);
		assertThat(okJson("/users/rec-u5/recommendations").get("modelVersion").asLong()).isEqualTo(next);
		assertThat(this.servingModels.require()).as("served without preparing again").isSameAs(upcoming);
	}

	@Test
	void limitOffsetExcludeAndIncludeRated() {
		ensureModel();
		List<String> first = itemIds(okJson("/users/rec-u6/recommendations?limit=10"));
		assertThat(itemIds(okJson("/users/rec-u6/recommendations?limit=5&offset=5"))).isEqualTo(first.subList(5, 10));
		assertThat(okJson("/users/rec-u6/recommendations?limit=5&offset=5").get("offset").asInt()).isEqualTo(5);
		List<String> excluded = itemIds(okJson("/users/rec-u6/recommendations?limit=8&exclude="
				+ encode(first.get(0) + "," + first.get(2)) + "&exclude=rec-not-an-item"));
		List<String> expected = new ArrayList<>(first);
		expected.remove(2);
		expected.remove(0);
		assertThat(excluded).isEqualTo(expected);

		Set<String> rated = ratedItems("rec-u6");
		List<String> withRated = itemIds(okJson("/users/rec-u6/recommendations?limit=1000&includeRated=true"));
		assertThat(withRated).hasSize(ITEMS).containsAll(rated);
		List<String> withoutRated = itemIds(okJson("/users/rec-u6/recommendations?limit=1000"));
		assertThat(withoutRated).hasSize(ITEMS - rated.size());
		assertThat(itemIds(okJson("/users/rec-u6/recommendations?offset=5000"))).isEmpty();
	}

	@Test
	void aNewRatingChangesThePosteriorWithoutARefit() {
		long version = ensureModel();
		String user = "rec-u7";
		JsonNode before = okJson("/users/" + user + "/clusters");
		List<String> recommended = itemIds(okJson("/users/" + user + "/recommendations?limit=5"));
		// rate the top recommendations as bad: the user is not who the model thought
		for (String item : recommended) {
			put(user, item, 1);
		}
		JsonNode after = okJson("/users/" + user + "/clusters");
		assertThat(after.get("modelVersion").asLong()).isEqualTo(version);
		assertThat(after.get("ratingsUsed").asInt()).isEqualTo(before.get("ratingsUsed").asInt() + 5);
		assertThat(probabilities(after)).isNotEqualTo(probabilities(before));
		assertThat(itemIds(okJson("/users/" + user + "/recommendations?limit=1000")))
			.doesNotContainAnyElementsOf(recommended);

		// an item the model does not know: stored, not used, nothing to exclude
		put(user, "rec-brand-new-item", 5);
		JsonNode unknown = okJson("/users/" + user + "/clusters");
		assertThat(unknown.get("ratingsUsed").asInt()).isEqualTo(after.get("ratingsUsed").asInt());
		assertThat(probabilities(unknown)).isEqualTo(probabilities(after));
		assertThat(itemIds(okJson("/users/" + user + "/recommendations?limit=1000")))
			.doesNotContain("rec-brand-new-item");
	}

	@Test
	void unknownUsersAndUsersWithoutRatingsAreColdStarts() {
		ensureModel();
		this.jdbc.sql("insert into users (external_id) values ('rec-no-ratings') on conflict do nothing").update();
		this.jdbc.sql("insert into users (external_id) values ('rec-only-new-items') on conflict do nothing").update();
		put("rec-only-new-items", "rec-another-new-item", 4);
		double[] weights = weights();
		for (String user : List.of("rec-nobody", "rec-no-ratings", "rec-only-new-items")) {
			JsonNode body = okJson("/users/" + user + "/recommendations");
			assertThat(body.get("coldStart").asBoolean()).as(user).isTrue();
			assertThat(body.get("ratingsUsed").asInt()).isZero();
			assertThat(body.get("items")).as(user).hasSize(10);
			JsonNode clusters = okJson("/users/" + user + "/clusters");
			assertThat(clusters.get("coldStart").asBoolean()).isTrue();
			for (JsonNode cluster : clusters.get("clusters")) {
				assertThat(cluster.get("probability").asDouble()).isCloseTo(weights[cluster.get("cluster").asInt()],
						within(1e-12));
			}
		}
		JsonNode predictions = okJson("/users/rec-nobody/predictions?itemIds=rec-i3");
		assertThat(predictions.get("coldStart").asBoolean()).isTrue();
		assertThat(predictions.get("predictions").get(0).get("known").asBoolean()).isTrue();
	}

	@Test
	void predictionsReportUnknownItemsAsUnknown() {
		long version = ensureModel();
		JsonNode all = okJson("/users/rec-u8/recommendations?limit=1000&includeRated=true");
		String top = all.get("items").get(0).get("itemId").asString();
		JsonNode body = okJson(
				"/users/rec-u8/predictions?itemIds=" + encode(top + ",rec-unknown-item") + "&itemIds=" + encode(top));
		assertThat(body.get("userId").asString()).isEqualTo("rec-u8");
		assertThat(body.get("modelVersion").asLong()).isEqualTo(version);
		JsonNode predictions = body.get("predictions");
		assertThat(predictions).hasSize(3);
		assertThat(predictions.get(0).get("itemId").asString()).isEqualTo(top);
		assertThat(predictions.get(0).get("known").asBoolean()).isTrue();
		assertThat(predictions.get(0).get("predictedRating").asDouble())
			.isEqualTo(all.get("items").get(0).get("predictedRating").asDouble());
		assertThat(predictions.get(0).get("stdDev").asDouble())
			.isEqualTo(all.get("items").get(0).get("stdDev").asDouble());
		JsonNode unknown = predictions.get(1);
		assertThat(unknown.get("itemId").asString()).isEqualTo("rec-unknown-item");
		assertThat(unknown.get("known").asBoolean()).isFalse();
		// the default preset is centred: the user's baseline
		assertThat(unknown.get("predictedRating").asDouble()).isBetween(1.0, 5.0);
		assertThat(predictions.get(2).get("itemId").asString()).isEqualTo(top);
	}

	@Test
	void clustersOfTheModelAndOfAUser() {
		long version = ensureModel();
		JsonNode clusters = okJson("/clusters");
		assertThat(clusters.get("modelVersion").asLong()).isEqualTo(version);
		assertThat(clusters.get("clusters")).hasSize(4);
		double sum = 0;
		for (JsonNode cluster : clusters.get("clusters")) {
			sum += cluster.get("weight").asDouble();
			assertThat(cluster.get("variance").asDouble()).isPositive();
			assertThat(cluster.get("likedMost")).hasSize(10);
			assertThat(cluster.get("ratedMost").get(0).get("itemId").asString()).startsWith("rec-i");
		}
		assertThat(sum).isCloseTo(1.0, within(1e-9));
		JsonNode two = okJson("/clusters/2");
		assertThat(two.get("cluster").asInt()).isEqualTo(2);
		assertThat(two.get("modelVersion").asLong()).isEqualTo(version);
		assertThat(two.get("weight").asDouble()).isEqualTo(clusters.get("clusters").get(2).get("weight").asDouble());

		JsonNode user = okJson("/users/rec-u9/clusters");
		assertThat(user.get("clusters")).hasSize(4);
		double total = 0;
		for (JsonNode cluster : user.get("clusters")) {
			total += cluster.get("probability").asDouble();
			assertThat(cluster.get("likedMost")).hasSize(5);
			assertThat(cluster.get("weight").asDouble())
				.isEqualTo(clusters.get("clusters").get(cluster.get("cluster").asInt()).get("weight").asDouble());
		}
		assertThat(total).isCloseTo(1.0, within(1e-9));
		JsonNode recommendations = okJson("/users/rec-u9/recommendations");
		assertThat(recommendations.get("clusters").get(0).get("cluster").asInt())
			.isEqualTo(user.get("clusters").get(0).get("cluster").asInt());
	}

	@Test
	void badParametersAre400ProblemsNamingThem() {
		ensureModel();
		assertInvalid("/users/rec-u1/recommendations?limit=0", "limit");
		assertInvalid("/users/rec-u1/recommendations?limit=1001", "limit");
		assertInvalid("/users/rec-u1/recommendations?limit=ten", "limit");
		assertInvalid("/users/rec-u1/recommendations?offset=-1", "offset");
		assertInvalid("/users/rec-u1/recommendations?includeRated=maybe", "includeRated");
		assertInvalid("/users/rec-u1/recommendations?limit=0&offset=x", "limit", "offset");
		assertInvalid("/users/rec-u1/recommendations?exclude=" + ids(1001), "exclude");
		assertInvalid("/users/rec-u1/predictions", "itemIds");
		assertInvalid("/users/rec-u1/predictions?itemIds=", "itemIds");
		assertInvalid("/users/rec-u1/predictions?itemIds=" + ids(1001), "itemIds");
		assertInvalid("/users/" + "u".repeat(129) + "/recommendations", "userId");
		assertInvalid("/users/bad%01id/clusters", "userId");
		assertInvalid("/clusters/first", "index");
		assertThat(get("/users/rec-u1/predictions?itemIds=" + ids(1000)).statusCode()).isEqualTo(200);
		HttpResponse<String> missing = get("/clusters/4");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(ApiClient.json(missing.body()).get("detail").asString()).contains("0 to 3");
	}

	private void assertInvalid(String path, String... fields) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = ApiClient.json(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://mixrec.io/problems/validation-failed");
		List<String> named = new ArrayList<>();
		problem.get("errors").forEach((error) -> named.add(error.get("field").asString()));
		assertThat(named).as(path).containsExactlyInAnyOrder(fields);
	}

	private static String ids(int count) {
		StringBuilder ids = new StringBuilder();
		for (int i = 0; i < count; i++) {
			ids.append((i > 0) ? "," : "").append("x").append(i);
		}
		return ids.toString();
	}

	private long ensureModel() {
		synchronized (RecommendationsIntegrationTests.class) {
			if (!modelReady) {
				new TestRatings().planted("rec-", new PlantedMixture(300, ITEMS, 6000, 4, 2)).insert(this.dataSource);
				HttpResponse<String> started = this.api.send("POST", "/admin/refits", TestApiKeys.ADMIN,
						"application/json", "{\"clusters\": 4, \"seed\": 3}");
				assertThat(started.statusCode()).isEqualTo(202);
				awaitFinished(ApiClient.json(started.body()).get("id").asLong());
				this.watcher.refresh();
				modelReady = true;
			}
		}
		Long version = activeVersion();
		assertThat(version).isNotNull();
		return version;
	}

	private void awaitFinished(long id) {
		JsonNode refit = this.api.awaitRefit(id, Duration.ofSeconds(120));
		assertThat(refit.get("status").asString()).isEqualTo("active");
	}

	private Long activeVersion() {
		return this.jdbc.sql("select version from active_model").query(Long.class).optional().orElse(null);
	}

	private Set<String> ratedItems(String user) {
		return new HashSet<>(this.jdbc.sql("""
				select i.external_id from ratings r join items i on i.id = r.item_id
				join users u on u.id = r.user_id where u.external_id = ?
				""").param(user).query(String.class).list());
	}

	private double[] weights() {
		JsonNode clusters = okJson("/clusters").get("clusters");
		double[] weights = new double[clusters.size()];
		for (JsonNode cluster : clusters) {
			weights[cluster.get("cluster").asInt()] = cluster.get("weight").asDouble();
		}
		return weights;
	}

	private static List<Double> probabilities(JsonNode userClusters) {
		double[] byCluster = new double[userClusters.get("clusters").size()];
		for (JsonNode cluster : userClusters.get("clusters")) {
			byCluster[cluster.get("cluster").asInt()] = cluster.get("probability").asDouble();
		}
		List<Double> list = new ArrayList<>();
		for (double p : byCluster) {
			list.add(p);
		}
		return list;
	}

	private static List<String> itemIds(JsonNode recommendations) {
		List<String> ids = new ArrayList<>();
		recommendations.get("items").forEach((item) -> ids.add(item.get("itemId").asString()));
		return ids;
	}

	private void put(String user, String item, double rating) {
		HttpResponse<String> response = this.api.send("PUT", "/users/" + user + "/ratings/" + item, TestApiKeys.WRITE,
				"application/json", "{\"rating\": " + rating + "}");
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
	}

	private JsonNode okJson(String path) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return ApiClient.json(response.body());
	}

	private HttpResponse<String> get(String path) {
		return this.api.send("GET", path, TestApiKeys.READ);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
