package io.mixrec.ratings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static io.mixrec.ratings.RatingsTestSupport.assertOk;
import static io.mixrec.ratings.RatingsTestSupport.assertProblem;
import static io.mixrec.ratings.RatingsTestSupport.changedSince;
import static io.mixrec.ratings.RatingsTestSupport.itemExists;
import static io.mixrec.ratings.RatingsTestSupport.snapshot;
import static io.mixrec.ratings.RatingsTestSupport.storedRating;
import static io.mixrec.ratings.RatingsTestSupport.unique;
import static io.mixrec.ratings.RatingsTestSupport.userExists;
import static io.mixrec.testsupport.ProblemAssertions.assertRawProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /ratings}: JSON batches, all or nothing, last write wins; and the JSON body
 * size limit.
 */
@MixrecIntegrationTest
class RatingBatchIntegrationTests extends IntegrationTestBase {

	String user;

	@BeforeEach
	void setUp() {
		this.user = unique("batch-user");
	}

	@Test
	void batchInsertsUpdatesAndCountsUnchanged() {
		String other = unique("batch-user");
		assertOk(post("[" + element(this.user, "i1", 3, 100) + "," + element(this.user, "i2", 3, 100) + "]"), 200);

		JsonNode report = assertOk(post("[" + element(this.user, "i1", 4, 200) + "," // newer:
																						// updated
				+ element(this.user, "i2", 5, 50) + "," // older: unchanged
				+ element(other, "i1", 1, 100) + "]"), 200); // new user: inserted

		assertThat(report.get("received").asInt()).isEqualTo(3);
		assertThat(report.get("inserted").asLong()).isEqualTo(1);
		assertThat(report.get("updated").asLong()).isEqualTo(1);
		assertThat(report.get("unchanged").asLong()).isEqualTo(1);
		assertThat(storedRating(this.jdbc, this.user, item("i1"))).isEqualTo(4f);
		assertThat(storedRating(this.jdbc, this.user, item("i2"))).isEqualTo(3f);
		assertThat(storedRating(this.jdbc, other, item("i1"))).isEqualTo(1f);
	}

	@Test
	void duplicatesInABatchResolveByRatedAtThenByPosition() {
		JsonNode report = assertOk(post("[" + element(this.user, "i1", 2, 300) + "," + element(this.user, "i1", 5, 100)
				+ "," + element(this.user, "i2", 2, 100) + "," + element(this.user, "i2", 4, 100) + "]"), 200);

		assertThat(report.get("inserted").asLong()).isEqualTo(2);
		assertThat(report.get("unchanged").asLong()).isEqualTo(2);
		assertThat(storedRating(this.jdbc, this.user, item("i1"))).isEqualTo(2f);
		assertThat(storedRating(this.jdbc, this.user, item("i2"))).isEqualTo(4f);
	}

	@Test
	void oneBadElementWritesNothingAndEveryBadElementIsListed() {
		String before = snapshot(this.jdbc);
		String body = "[" + element(this.user, "i1", 3, 100) + "," + element(this.user, "i2", 9, 100)
				+ ", {\"userId\": \"\", \"itemId\": 5, \"rating\": 3, \"ratedAt\": true}, 7,"
				+ element(this.user, "i3", 3, 100) + "]";

		JsonNode problem = assertProblem(post(body), 400, "validation-failed");

		assertThat(problem.get("detail").asString()).contains("3 invalid elements (of 5)");
		assertThat(problem.get("errors")
			.valueStream()
			.map((e) -> e.get("index").asInt() + " " + e.path("field").asString("-") + ": "
					+ e.get("message").asString()))
			.containsExactly("1 rating: must be between 0.5 and 5.0", "2 userId: must not be empty",
					"2 itemId: must be a string",
					"2 ratedAt: must be epoch seconds or an ISO-8601 date-time with offset, e.g. 2026-01-02T03:04:05Z",
					"3 -: must be a JSON object");
		assertThat(userExists(this.jdbc, this.user)).isFalse();
		assertThat(itemExists(this.jdbc, item("i1"))).isFalse();
		assertThat(changedSince(this.jdbc, before)).isFalse();
	}

	@Test
	void batchSizeIsLimited() {
		assertProblem(post("[]"), 400, "validation-failed");
		StringJoiner tooMany = new StringJoiner(",", "[", "]");
		for (int i = 0; i < 10_001; i++) {
			tooMany.add(element(this.user, "i" + i, 3, 100));
		}
		JsonNode problem = assertProblem(post(tooMany.toString()), 400, "validation-failed");
		assertThat(problem.at("/errors/0/message").asString())
			.isEqualTo("must have between 1 and 10000 elements, not 10001");
		assertThat(userExists(this.jdbc, this.user)).isFalse();
	}

	@Test
	void largestBatchIsWrittenAtOnce() {
		StringJoiner batch = new StringJoiner(",", "[", "]");
		for (int i = 0; i < 10_000; i++) {
			batch.add(element(this.user + "-" + (i % 100), "i" + (i / 100), 1 + (i % 9) / 2.0, 100));
		}

		JsonNode report = assertOk(post(batch.toString()), 200);

		assertThat(report.get("inserted").asLong()).isEqualTo(10_000);
		assertThat(this.jdbc
			.sql("select count(*) from ratings r join users u on u.id = r.user_id" + " where u.external_id like ?")
			.param(this.user + "-%")
			.query(Long.class)
			.single()).isEqualTo(10_000);
	}

	@Test
	void unchangedBatchLeavesNoTraceForTheRefit() {
		String batch = "[" + element(this.user, "i1", 3, 100) + "," + element(this.user, "i2", 4, 100) + "]";
		post(batch);
		String before = snapshot(this.jdbc);

		JsonNode report = assertOk(post(batch), 200);

		assertThat(report.get("unchanged").asLong()).isEqualTo(2);
		assertThat(changedSince(this.jdbc, before)).isFalse();
		post("[" + element(this.user, "i1", 3, 101) + "]");
		assertThat(changedSince(this.jdbc, before)).isTrue();
	}

	@Test
	void bodyMustBeAJsonArray() {
		assertProblem(post("{\"userId\": \"u\"}"), 400, "malformed-request");
		assertProblem(post("[{"), 400, "malformed-request");
		assertProblem(this.api.send("POST", "/ratings", TestApiKeys.WRITE, "text/plain", "[]"), 415,
				"unsupported-media-type");
	}

	@Test
	void batchesNeedTheWriteRole() {
		String body = "[" + element(this.user, "i1", 3, 100) + "]";
		assertProblem(this.api.send("POST", "/ratings", null, "application/json", body), 401, "unauthorized");
		assertProblem(this.api.send("POST", "/ratings", TestApiKeys.READ, "application/json", body), 403, "forbidden");
		assertThat(userExists(this.jdbc, this.user)).isFalse();
	}

	@Test
	void bodyOverTheLimitIs413BeforeItIsSent() {
		// A client that asks first ("Expect: 100-continue") gets the 413 instead of the
		// "100 Continue", so it never uploads the 16 MB + 1 byte (over the 4 MB limit).
		String response = this.api.sendRaw("POST /ratings HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
				+ TestApiKeys.WRITE + "\r\nContent-Type: application/json\r\nContent-Length: " + (16 * 1024 * 1024 + 1)
				+ "\r\nExpect: 100-continue\r\n\r\n");

		assertRawProblem(response, 413, "content-too-large");
	}

	@Test
	void unauthenticatedClientIsRejectedBeforeItUploads() {
		String response = this.api.sendRaw("POST /ratings/import HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: text/csv\r\nContent-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 401").doesNotContain("100 Continue");
	}

	@Test
	void chunkedBodyOverTheLimitIs413() throws Exception {
		byte[] body = ("[" + "1,".repeat(8 * 1024 * 1024) + "1]").getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ratings"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

		assertProblem(response, 413, "content-too-large");
	}

	@Test
	void chunkedBodyUnderTheLimitIsRead() throws Exception {
		byte[] body = ("[" + element(this.user, "i1", 3, 100) + "]").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ratings"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

		assertThat(assertOk(response, 200).get("inserted").asLong()).isEqualTo(1);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		return client.send(request.header("X-API-Key", TestApiKeys.WRITE).timeout(Duration.ofSeconds(30)).build(),
				BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> post(String body) {
		return this.api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json", body);
	}

	private String item(String suffix) {
		return this.user + "-" + suffix;
	}

	private String element(String user, String itemSuffix, double rating, long ratedAtOffset) {
		return "{\"userId\": \"" + user + "\", \"itemId\": \"" + item(itemSuffix) + "\", \"rating\": " + rating
				+ ", \"ratedAt\": " + (1_700_000_000L + ratedAtOffset) + "}";
	}

}
