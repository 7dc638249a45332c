package io.mixrec.ratings;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;

import static io.mixrec.ratings.RatingsTestSupport.assertOk;
import static io.mixrec.ratings.RatingsTestSupport.assertProblem;
import static io.mixrec.ratings.RatingsTestSupport.changedSince;
import static io.mixrec.ratings.RatingsTestSupport.itemExists;
import static io.mixrec.ratings.RatingsTestSupport.ratingCount;
import static io.mixrec.ratings.RatingsTestSupport.snapshot;
import static io.mixrec.ratings.RatingsTestSupport.storedRating;
import static io.mixrec.ratings.RatingsTestSupport.unique;
import static io.mixrec.ratings.RatingsTestSupport.userExists;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single ratings, the paged list, deletions and user erasure, end to end on PostgreSQL.
 */
@MixrecIntegrationTest
class RatingsIntegrationTests extends IntegrationTestBase {

	private static final String JSON = "application/json";

	@Autowired
	MeterRegistry meters;

	String user;

	String item;

	@BeforeEach
	void setUp() {
		this.user = unique("user");
		this.item = unique("item");
	}

	@Test
	void putCreatesTheRatingAndItsUserAndItem() {
		HttpResponse<String> response = put(this.user, this.item,
				"{\"rating\": 4.5, \"ratedAt\": \"2026-01-02T03:04:05Z\"}");

		JsonNode body = assertOk(response, 201);
		assertThat(response.headers().firstValue("Location")).hasValue("/users/" + this.user + "/ratings/" + this.item);
		assertThat(body.get("userId").asString()).isEqualTo(this.user);
		assertThat(body.get("itemId").asString()).isEqualTo(this.item);
		assertThat(body.get("rating").asDouble()).isEqualTo(4.5);
		assertThat(body.get("ratedAt").asString()).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(body.get("updatedAt").asString()).isNotEmpty();
		assertThat(body.get("outcome").asString()).isEqualTo("inserted");
		assertThat(userExists(this.jdbc, this.user)).isTrue();
		assertThat(itemExists(this.jdbc, this.item)).isTrue();
		assertThat(storedRating(this.jdbc, this.user, this.item)).isEqualTo(4.5f);
	}

	@Test
	void putWithoutRatedAtUsesTheCurrentTime() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

		JsonNode body = assertOk(put(this.user, this.item, "{\"rating\": 3}"), 201);

		Instant ratedAt = Instant.parse(body.get("ratedAt").asString());
		assertThat(ratedAt).isBetween(before, Instant.now());
	}

	@Test
	void newerPutReplacesTheRating() {
		put(this.user, this.item, "{\"rating\": 2, \"ratedAt\": \"2026-01-01T00:00:00Z\"}");

		JsonNode body = assertOk(put(this.user, this.item, "{\"rating\": 5, \"ratedAt\": \"2026-01-02T00:00:00Z\"}"),
				200);

		assertThat(body.get("outcome").asString()).isEqualTo("updated");
		assertThat(body.get("rating").asDouble()).isEqualTo(5.0);
		assertThat(storedRating(this.jdbc, this.user, this.item)).isEqualTo(5f);
	}

	@Test
	void olderPutDoesNotOverwriteAndAnswersTheStoredRating() {
		put(this.user, this.item, "{\"rating\": 2, \"ratedAt\": \"2026-01-02T00:00:00Z\"}");
		String before = snapshot(this.jdbc);

		JsonNode body = assertOk(put(this.user, this.item, "{\"rating\": 5, \"ratedAt\": \"2026-01-01T00:00:00Z\"}"),
				200);

		assertThat(body.get("outcome").asString()).isEqualTo("unchanged");
		assertThat(body.get("rating").asDouble()).isEqualTo(2.0);
		assertThat(body.get("ratedAt").asString()).isEqualTo("2026-01-02T00:00:00Z");
		assertThat(storedRating(this.jdbc, this.user, this.item)).isEqualTo(2f);
		assertThat(changedSince(this.jdbc, before)).isFalse();
	}

	@Test
	void sameTimeWithAnotherRatingIsALaterWriteAndWins() {
		put(this.user, this.item, "{\"rating\": 2, \"ratedAt\": \"2026-01-02T00:00:00Z\"}");

		JsonNode body = assertOk(put(this.user, this.item, "{\"rating\": 3, \"ratedAt\": 1767312000}"), 200);

		assertThat(body.get("outcome").asString()).isEqualTo("updated");
		assertThat(storedRating(this.jdbc, this.user, this.item)).isEqualTo(3f);
	}

	@Test
	void identicalPutIsUnchangedAndLeavesNoTraceForTheRefit() {
		String rating = "{\"rating\": 4, \"ratedAt\": \"2026-01-02T00:00:00.123456789+02:00\"}";
		put(this.user, this.item, rating);
		String before = snapshot(this.jdbc);

		JsonNode body = assertOk(put(this.user, this.item, rating), 200);

		assertThat(body.get("outcome").asString()).isEqualTo("unchanged");
		assertThat(body.get("ratedAt").asString()).isEqualTo("2026-01-01T22:00:00.123456Z");
		assertThat(changedSince(this.jdbc, before)).isFalse();
	}

	@Test
	void everyChangeIsVisibleToTheRefit() {
		String beforeInsert = snapshot(this.jdbc);
		put(this.user, this.item, "{\"rating\": 4, \"ratedAt\": 1767225600}");
		assertThat(changedSince(this.jdbc, beforeInsert)).isTrue();

		String beforeUpdate = snapshot(this.jdbc);
		put(this.user, this.item, "{\"rating\": 1, \"ratedAt\": 1767225601}");
		assertThat(changedSince(this.jdbc, beforeUpdate)).isTrue();

		String beforeDelete = snapshot(this.jdbc);
		assertThat(this.api.send("DELETE", ratingPath(this.user, this.item), TestApiKeys.WRITE).statusCode())
			.isEqualTo(204);
		assertThat(changedSince(this.jdbc, beforeDelete)).isTrue();

		put(this.user, this.item, "{\"rating\": 1, \"ratedAt\": 1767225601}");
		String beforeErasure = snapshot(this.jdbc);
		assertThat(this.api.send("DELETE", "/users/" + this.user, TestApiKeys.WRITE).statusCode()).isEqualTo(204);
		assertThat(changedSince(this.jdbc, beforeErasure)).isTrue();
	}

	@Test
	void getAnswersTheStoredRatingOr404() {
		put(this.user, this.item, "{\"rating\": 3.5, \"ratedAt\": \"2026-01-02T03:04:05Z\"}");

		JsonNode body = assertOk(this.api.send("GET", ratingPath(this.user, this.item), TestApiKeys.READ), 200);
		assertThat(body.get("rating").asDouble()).isEqualTo(3.5);
		assertThat(body.has("outcome")).isFalse();
		assertProblem(this.api.send("GET", ratingPath(this.user, unique("other")), TestApiKeys.READ), 404, "not-found");
	}

	@Test
	void deleteRemovesTheRatingOnce() {
		put(this.user, this.item, "{\"rating\": 3}");

		HttpResponse<String> deleted = this.api.send("DELETE", ratingPath(this.user, this.item), TestApiKeys.WRITE);

		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThat(storedRating(this.jdbc, this.user, this.item)).isNull();
		assertProblem(this.api.send("DELETE", ratingPath(this.user, this.item), TestApiKeys.WRITE), 404, "not-found");
		assertProblem(this.api.send("DELETE", ratingPath(unique("nobody"), this.item), TestApiKeys.WRITE), 404,
				"not-found");
	}

	@Test
	void listIsNewestFirstAndPaged() {
		for (int i = 0; i < 5; i++) {
			put(this.user, this.item + "-" + i, "{\"rating\": 3, \"ratedAt\": " + (1767225600 + i * 60) + "}");
		}

		JsonNode first = assertOk(
				this.api.send("GET", "/users/" + this.user + "/ratings?page=0&size=2", TestApiKeys.READ), 200);
		JsonNode last = assertOk(
				this.api.send("GET", "/users/" + this.user + "/ratings?page=2&size=2", TestApiKeys.READ), 200);
		JsonNode all = assertOk(this.api.send("GET", "/users/" + this.user + "/ratings", TestApiKeys.READ), 200);

		assertThat(first.get("totalElements").asLong()).isEqualTo(5);
		assertThat(first.get("totalPages").asLong()).isEqualTo(3);
		assertThat(first.get("size").asInt()).isEqualTo(2);
		assertThat(first.get("ratings").valueStream().map((r) -> r.get("itemId").asString()))
			.containsExactly(this.item + "-4", this.item + "-3");
		assertThat(last.get("ratings").valueStream().map((r) -> r.get("itemId").asString()))
			.containsExactly(this.item + "-0");
		assertThat(all.get("size").asInt()).isEqualTo(100);
		assertThat(all.get("ratings").size()).isEqualTo(5);
	}

	@Test
	void listOfAnUnknownUserIs404AndOfAUserWithoutRatingsEmpty() {
		assertProblem(this.api.send("GET", "/users/" + this.user + "/ratings", TestApiKeys.READ), 404, "not-found");

		put(this.user, this.item, "{\"rating\": 3}");
		this.api.send("DELETE", ratingPath(this.user, this.item), TestApiKeys.WRITE);

		JsonNode page = assertOk(this.api.send("GET", "/users/" + this.user + "/ratings", TestApiKeys.READ), 200);
		assertThat(page.get("totalElements").asLong()).isZero();
		assertThat(page.get("ratings").size()).isZero();
	}

	@Test
	void listRejectsBadPaging() {
		put(this.user, this.item, "{\"rating\": 3}");

		JsonNode problem = assertProblem(
				this.api.send("GET", "/users/" + this.user + "/ratings?page=-1&size=1001", TestApiKeys.READ), 400,
				"validation-failed");
		assertThat(problem.get("errors").valueStream().map((e) -> e.get("field").asString())).contains("page");
		assertProblem(this.api.send("GET", "/users/" + this.user + "/ratings?size=1001", TestApiKeys.READ), 400,
				"validation-failed");
		assertProblem(this.api.send("GET", "/users/" + this.user + "/ratings?size=0", TestApiKeys.READ), 400,
				"validation-failed");
		assertFieldProblem(this.api.send("GET", "/users/" + this.user + "/ratings?page=x", TestApiKeys.READ), "page",
				"must be an integer");
	}

	@Test
	void deletingAUserRemovesAllTheirRatingsAndKeepsOthers() {
		String other = unique("user");
		put(this.user, this.item, "{\"rating\": 3}");
		put(this.user, this.item + "-2", "{\"rating\": 4}");
		put(other, this.item, "{\"rating\": 5}");

		assertThat(this.api.send("DELETE", "/users/" + this.user, TestApiKeys.WRITE).statusCode()).isEqualTo(204);

		assertThat(userExists(this.jdbc, this.user)).isFalse();
		assertThat(ratingCount(this.jdbc, this.user)).isZero();
		assertThat(storedRating(this.jdbc, other, this.item)).isEqualTo(5f);
		assertThat(itemExists(this.jdbc, this.item)).isTrue();
		assertProblem(this.api.send("DELETE", "/users/" + this.user, TestApiKeys.WRITE), 404, "not-found");
		assertProblem(this.api.send("GET", ratingPath(this.user, this.item), TestApiKeys.READ), 404, "not-found");
	}

	@Test
	void invalidValuesAreListedByField() {
		JsonNode problem = assertProblem(put(this.user, this.item, "{\"rating\": 7, \"ratedAt\": \"yesterday\"}"), 400,
				"validation-failed");

		assertThat(problem.get("errors")
			.valueStream()
			.map((e) -> e.get("field").asString() + ": " + e.get("message").asString()))
			.containsExactlyInAnyOrder("rating: must be between 0.5 and 5.0",
					"ratedAt: must be epoch seconds or an ISO-8601 date-time with offset, e.g. 2026-01-02T03:04:05Z");
		assertThat(userExists(this.jdbc, this.user)).isFalse();
	}

	@Test
	void ratingMustBeAFiniteNumberOnTheGrid() {
		assertFieldProblem(put(this.user, this.item, "{\"rating\": 3.3}"), "rating",
				"must be 0.5 plus a multiple of 0.5");
		assertFieldProblem(put(this.user, this.item, "{\"rating\": 0}"), "rating", "must be between 0.5 and 5.0");
		assertFieldProblem(put(this.user, this.item, "{\"rating\": 1e400}"), "rating", "must be a finite number");
		assertFieldProblem(put(this.user, this.item, "{\"rating\": \"4\"}"), "rating", "must be a number");
		assertFieldProblem(put(this.user, this.item, "{\"rating\": null}"), "rating", "is required");
		assertFieldProblem(put(this.user, this.item, "{}"), "rating", "is required");
	}

	@Test
	void ratedAtMustNotBeAbsurd() {
		String tomorrowAndABit = Instant.now().plus(25, ChronoUnit.HOURS).toString();
		assertFieldProblem(put(this.user, this.item, "{\"rating\": 3, \"ratedAt\": \"" + tomorrowAndABit + "\"}"),
				"ratedAt", "must not be more than PT24H in the future");
		assertFieldProblem(put(this.user, this.item, "{\"rating\": 3, \"ratedAt\": \"1969-12-31T23:59:59Z\"}"),
				"ratedAt", "must not be before 1970-01-01T00:00:00Z");
		assertFieldProblem(put(this.user, this.item, "{\"rating\": 3, \"ratedAt\": 1e30}"), "ratedAt",
				RatingRules.ratedAtFormatProblem());
		assertFieldProblem(put(this.user, this.item, "{\"rating\": 3, \"ratedAt\": \"2026-01-02T03:04:05\"}"),
				"ratedAt", RatingRules.ratedAtFormatProblem());
		assertOk(put(this.user, this.item,
				"{\"rating\": 3, \"ratedAt\": \"" + Instant.now().plus(23, ChronoUnit.HOURS) + "\"}"), 201);
	}

	@Test
	void badPathIdsAreProblemsNotErrors() {
		String tooLong = "u".repeat(129);
		assertFieldProblem(put(tooLong, this.item, "{\"rating\": 3}"), "userId", "must be at most 128 characters");
		assertFieldProblem(this.api.send("GET", ratingPath(this.user, tooLong), TestApiKeys.READ), "itemId",
				"must be at most 128 characters");
		assertFieldProblem(put("a%01b", this.item, "{\"rating\": 3}"), "userId", "must not contain control characters");
		assertFieldProblem(this.api.send("DELETE", "/users/a%7Fb", TestApiKeys.WRITE), "userId",
				"must not contain control characters");
		// Rejected by Tomcat or Spring Security's firewall before any controller.
		assertProblem(put("a%2Fb", this.item, "{\"rating\": 3}"), 400, "malformed-request");
		assertProblem(put("a%00b", this.item, "{\"rating\": 3}"), 400, "malformed-request");
		assertProblem(put("a%25b", this.item, "{\"rating\": 3}"), 400, "malformed-request");
		assertProblem(put("a%FFb", this.item, "{\"rating\": 3}"), 400, "malformed-request");
	}

	@Test
	void idsAreUnicodeUpTo128CharactersAndPercentDecoded() {
		String id = "é".repeat(64) + "😀".repeat(64);
		String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);

		JsonNode body = assertOk(put(encoded, "a%20b.json", "{\"rating\": 3}"), 201);

		assertThat(body.get("userId").asString()).isEqualTo(id);
		assertThat(body.get("itemId").asString()).isEqualTo("a b.json");
		assertThat(storedRating(this.jdbc, id, "a b.json")).isEqualTo(3f);
	}

	@Test
	void malformedJsonAndWrongMediaTypesAreProblems() {
		assertProblem(put(this.user, this.item, "{\"rating\": "), 400, "malformed-request");
		assertProblem(put(this.user, this.item, ""), 400, "malformed-request");
		assertFieldProblem(put(this.user, this.item, "[4]"), "body", "must be a JSON object");
		assertProblem(this.api.send("PUT", ratingPath(this.user, this.item), TestApiKeys.WRITE, "text/plain",
				"{\"rating\": 3}"), 415, "unsupported-media-type");
		assertProblem(this.api.send("PUT", ratingPath(this.user, this.item), TestApiKeys.WRITE, null, null), 415,
				"unsupported-media-type");
		assertProblem(this.api.send("POST", ratingPath(this.user, this.item), TestApiKeys.WRITE, JSON, "{}"), 405,
				"method-not-allowed");
	}

	@Test
	void writesNeedTheWriteRoleAndReadsAreOpen() {
		String body = "{\"rating\": 3}";
		assertProblem(this.api.send("PUT", ratingPath(this.user, this.item), null, JSON, body), 401, "unauthorized");
		assertProblem(this.api.send("PUT", ratingPath(this.user, this.item), TestApiKeys.READ, JSON, body), 403,
				"forbidden");
		assertProblem(this.api.send("DELETE", ratingPath(this.user, this.item), TestApiKeys.READ), 403, "forbidden");
		assertProblem(this.api.send("DELETE", "/users/" + this.user, null), 401, "unauthorized");
		assertThat(userExists(this.jdbc, this.user)).isFalse();

		assertOk(this.api.send("PUT", ratingPath(this.user, this.item), TestApiKeys.ADMIN, JSON, body), 201);
		assertOk(this.api.send("GET", ratingPath(this.user, this.item), TestApiKeys.READ), 200);
		assertOk(this.api.send("GET", "/users/" + this.user + "/ratings", TestApiKeys.READ), 200);
	}

	@Test
	void writesAreCountedByOutcomeAndSource() {
		double inserted = written("inserted", "single");
		double unchanged = written("unchanged", "single");
		double deleted = written("deleted", "single");

		put(this.user, this.item, "{\"rating\": 3, \"ratedAt\": 1767225600}");
		put(this.user, this.item, "{\"rating\": 3, \"ratedAt\": 1767225600}");
		this.api.send("DELETE", ratingPath(this.user, this.item), TestApiKeys.WRITE);

		assertThat(written("inserted", "single")).isEqualTo(inserted + 1);
		assertThat(written("unchanged", "single")).isEqualTo(unchanged + 1);
		assertThat(written("deleted", "single")).isEqualTo(deleted + 1);
		assertThat(this.api.send("GET", "/actuator/prometheus", TestApiKeys.ADMIN).body())
			.contains("mixrec_ratings_written_total{outcome=\"inserted\",source=\"single\"}");
	}

	private double written(String outcome, String source) {
		return this.meters.get("mixrec.ratings.written")
			.tag("outcome", outcome)
			.tag("source", source)
			.counter()
			.count();
	}

	private HttpResponse<String> put(String user, String item, String body) {
		return this.api.send("PUT", ratingPath(user, item), TestApiKeys.WRITE, JSON, body);
	}

	private static String ratingPath(String user, String item) {
		return "/users/" + user + "/ratings/" + item;
	}

	private static void assertFieldProblem(HttpResponse<String> response, String field, String message) {
		JsonNode problem = assertProblem(response, 400, "validation-failed");
		assertThat(problem.get("errors")
			.valueStream()
			.map((e) -> e.get("field").asString() + ": " + e.get("message").asString()))
			.contains(field + ": " + message);
	}

}
