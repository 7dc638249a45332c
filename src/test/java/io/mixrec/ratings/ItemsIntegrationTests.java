package io.mixrec.ratings;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import static io.mixrec.ratings.RatingsTestSupport.assertOk;
import static io.mixrec.ratings.RatingsTestSupport.assertProblem;
import static io.mixrec.ratings.RatingsTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT} and {@code GET /items/{itemId}}: optional item metadata.
 */
@MixrecIntegrationTest
class ItemsIntegrationTests extends IntegrationTestBase {

	String item;

	@BeforeEach
	void setUp() {
		this.item = unique("item");
	}

	@Test
	void putCreatesThenReplacesTheMetadata() {
		HttpResponse<String> created = put(this.item,
				"{\"title\": \"Toy Story (1995)\", \"attributes\": {\"genres\": [\"Animation\"], \"year\": 1995}}");

		JsonNode body = assertOk(created, 201);
		assertThat(created.headers().firstValue("Location")).hasValue("/items/" + this.item);
		assertThat(body.get("itemId").asString()).isEqualTo(this.item);
		assertThat(body.get("title").asString()).isEqualTo("Toy Story (1995)");
		assertThat(body.at("/attributes/genres/0").asString()).isEqualTo("Animation");

		JsonNode replaced = assertOk(put(this.item, "{\"title\": \"Toy Story\"}"), 200);
		assertThat(replaced.get("title").asString()).isEqualTo("Toy Story");
		assertThat(replaced.get("attributes").isNull()).isTrue();
		assertThat(replaced.get("createdAt").asString()).isEqualTo(body.get("createdAt").asString());

		JsonNode read = assertOk(this.api.send("GET", "/items/" + this.item, TestApiKeys.READ), 200);
		assertThat(read.get("title").asString()).isEqualTo("Toy Story");
		assertThat(read.get("updatedAt").asString()).isEqualTo(replaced.get("updatedAt").asString());
	}

	@Test
	void itemsCreatedByRatingsHaveNoMetadataUntilPut() {
		this.api.send("PUT", "/users/" + unique("user") + "/ratings/" + this.item, TestApiKeys.WRITE,
				"application/json", "{\"rating\": 4}");

		JsonNode implicit = assertOk(this.api.send("GET", "/items/" + this.item, TestApiKeys.READ), 200);
		assertThat(implicit.get("title").isNull()).isTrue();
		assertThat(implicit.get("attributes").isNull()).isTrue();

		assertOk(put(this.item, "{\"title\": \"Heat\"}"), 200);
	}

	@Test
	void listsTheCatalogueAPageAtATimeInIdOrderFilteredByTitle() {
		String token = unique("Title");
		for (String suffix : new String[] { "b", "a", "c" }) {
			assertOk(put(this.item + "-" + suffix, "{\"title\": \"The " + token.toUpperCase() + " " + suffix + "\"}"),
					201);
		}

		JsonNode first = assertOk(
				this.api.send("GET", "/items?size=2&titleContains=" + token.toLowerCase(), TestApiKeys.READ), 200);
		assertThat(first.get("totalElements").asLong()).isEqualTo(3);
		assertThat(first.get("totalPages").asLong()).isEqualTo(2);
		assertThat(first.get("items").valueStream().map((i) -> i.get("itemId").asString()))
			.containsExactly(this.item + "-a", this.item + "-b");
		JsonNode second = assertOk(
				this.api.send("GET", "/items?page=1&size=2&titleContains=" + token, TestApiKeys.READ), 200);
		assertThat(second.get("items").valueStream().map((i) -> i.get("title").asString()))
			.containsExactly("The " + token.toUpperCase() + " c");
		JsonNode all = assertOk(this.api.send("GET", "/items", TestApiKeys.READ), 200);
		assertThat(all.get("size").asInt()).isEqualTo(100);
		assertThat(all.get("totalElements").asLong()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void badCatalogueQueriesAre400() {
		assertThat(assertProblem(this.api.send("GET", "/items?size=1001", TestApiKeys.READ), 400, "validation-failed")
			.at("/errors/0/field")
			.asString()).isEqualTo("size");
		assertProblem(this.api.send("GET", "/items?page=-1", TestApiKeys.READ), 400, "validation-failed");
		assertProblem(this.api.send("GET", "/items?page=1000001", TestApiKeys.READ), 400, "validation-failed");
		assertThat(assertProblem(this.api.send("GET", "/items?titleContains=a%00b", TestApiKeys.READ), 400,
				"validation-failed")
			.at("/errors/0/field")
			.asString()).isEqualTo("titleContains");
		assertProblem(this.api.send("GET", "/items", null), 401, "unauthorized");
	}

	@Test
	void unknownItemIs404() {
		assertProblem(this.api.send("GET", "/items/" + this.item, TestApiKeys.READ), 404, "not-found");
	}

	@Test
	void invalidMetadataIsListedByField() {
		JsonNode problem = assertProblem(put(this.item, "{\"title\": 5, \"attributes\": [1]}"), 400,
				"validation-failed");
		assertThat(problem.get("errors").valueStream().map((e) -> e.get("field").asString())).containsExactly("title",
				"attributes");
		assertProblem(put(this.item, "{\"title\": \"" + "t".repeat(1001) + "\"}"), 400, "validation-failed");
		// PostgreSQL's text and jsonb cannot store NUL: a 400, not a 500.
		assertProblem(put(this.item, "{\"title\": \"a\\u0000b\"}"), 400, "validation-failed");
		assertProblem(put(this.item, "{\"attributes\": {\"k\": [\"\\u0000\"]}}"), 400, "validation-failed");
		assertProblem(put(this.item, "{\"attributes\": {\"k\": \"\\ud800\"}}"), 400, "validation-failed");
		assertProblem(put(this.item, "[]"), 400, "validation-failed");
		assertProblem(put(this.item, "{"), 400, "malformed-request");
		assertProblem(put("i".repeat(129), "{}"), 400, "validation-failed");
		assertProblem(this.api.send("PUT", "/items/" + this.item, TestApiKeys.WRITE, "text/plain", "{}"), 415,
				"unsupported-media-type");
		assertProblem(this.api.send("GET", "/items/" + this.item, TestApiKeys.READ), 404, "not-found");
	}

	@Test
	void metadataNeedsTheWriteRole() {
		assertProblem(this.api.send("PUT", "/items/" + this.item, null, "application/json", "{}"), 401, "unauthorized");
		assertProblem(this.api.send("PUT", "/items/" + this.item, TestApiKeys.READ, "application/json", "{}"), 403,
				"forbidden");
	}

	private HttpResponse<String> put(String item, String body) {
		return this.api.send("PUT", "/items/" + item, TestApiKeys.WRITE, "application/json", body);
	}

}
