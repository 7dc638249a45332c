package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import io.mixrec.model.ActiveModelWatcher;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.OwnDatabase;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mixrec.ratings.RatingsTestSupport.assertOk;
import static io.mixrec.ratings.RatingsTestSupport.assertProblem;
import static io.mixrec.ratings.RatingsTestSupport.storedRating;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MovieLens files as they come, through the HTTP API, on a database of their own
 * (their ids are the real ones, which other tests must not meet): ML-100K's
 * {@code u.data} and {@code u.item} (Latin-1), ml-latest-small's {@code ratings.csv}
 * (half stars) and {@code movies.csv} (quoted titles), then a refit whose recommendations
 * carry the imported titles. The excerpts in {@code src/test/resources/movielens} are
 * written in the files' formats by hand.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MovieLensImportIntegrationTests extends IntegrationTestBase {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		OwnDatabase.register("movielens", registry);
	}

	@Autowired
	ActiveModelWatcher watcher;

	@Test
	@Order(1)
	void importsMovieLens100kRatingsAsTheyAre() {
		byte[] data = resource("u-data-excerpt.tsv");

		JsonNode report = assertOk(post("/ratings/import", "text/tab-separated-values", data), 200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(39);
		assertThat(report.get("inserted").asLong()).isEqualTo(39);
		String first = new String(data).lines().findFirst().orElseThrow();
		String[] fields = first.split("\t");
		assertThat(storedRating(this.jdbc, fields[0], fields[1])).isEqualTo(Float.parseFloat(fields[2]));
		assertThat(this.jdbc
			.sql("select extract(epoch from rated_at)::bigint from ratings r"
					+ " join users u on u.id = r.user_id join items i on i.id = r.item_id"
					+ " where u.external_id = ? and i.external_id = ?")
			.params(fields[0], fields[1])
			.query(Long.class)
			.single()).isEqualTo(Long.parseLong(fields[3]));
	}

	@Test
	@Order(2)
	void importsMovieLens100kItemsFromLatin1WithGenresAsAList() {
		JsonNode report = assertOk(post("/items/import?charset=ISO-8859-1", "text/csv", resource("u-item-excerpt.txt")),
				200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(8);
		assertThat(report.get("inserted").asLong()).isZero();
		assertThat(report.get("updated").asLong()).as("the ratings created the items, without metadata").isEqualTo(8);
		JsonNode miserables = item("543");
		assertThat(miserables.get("title").asString()).isEqualTo("Misérables, Les (1995)");
		assertThat(miserables.at("/attributes/genres").toString()).isEqualTo("[\"Drama\",\"Musical\"]");
		assertThat(miserables.at("/attributes/releaseDate").asString()).isEqualTo("15-Mar-1996");
		assertThat(miserables.at("/attributes/imdbUrl").asString()).isEqualTo("http://example.org/movies/543");
		assertThat(miserables.at("/attributes").has("videoReleaseDate")).as("empty fields are left out").isFalse();
		assertThat(item("1").at("/attributes/genres").toString())
			.isEqualTo("[\"Animation\",\"Children's\",\"Comedy\"]");
	}

	@Test
	@Order(3)
	void latin1ReadAsUtf8IsRefusedWithAHintAndImportsNothing() {
		this.jdbc.sql("update items set title = null where external_id = '543'").update();

		JsonNode problem = assertProblem(post("/items/import", "text/csv", resource("u-item-excerpt.txt")), 400,
				"validation-failed");

		assertThat(problem.at("/errors/0/line").asLong()).isEqualTo(6);
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("title");
		assertThat(problem.at("/errors/0/message").asString())
			.isEqualTo("is not valid UTF-8; if the file is Latin-1, as MovieLens u.item is, pass charset=ISO-8859-1");
		assertThat(item("543").get("title").isNull()).as("nothing imported").isTrue();
		assertOk(post("/items/import?format=movielens-100k&charset=latin1", "text/csv", resource("u-item-excerpt.txt")),
				200);
		assertThat(item("543").get("title").asString()).isEqualTo("Misérables, Les (1995)");
	}

	@Test
	@Order(4)
	void recommendationsShowTheImportedTitles() {
		HttpResponse<String> started = this.api.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json",
				"{\"clusters\": 2, \"seed\": 3}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		awaitFinished(ApiClient.json(started.body()).get("id").asLong());
		this.watcher.refresh();

		JsonNode recommendations = assertOk(this.api.send("GET", "/users/1/recommendations?limit=3", TestApiKeys.READ),
				200);

		List<String> titles = new ArrayList<>();
		recommendations.get("items").forEach((item) -> titles.add(item.get("title").asString()));
		assertThat(titles).isNotEmpty()
			.allSatisfy((title) -> assertThat(title).isIn("Misérables, Les (1995)", "Twelve Monkeys (1995)",
					"Babe (1995)"));
	}

	@Test
	@Order(5)
	void importsMovieLensLatestRatingsWithHalfStarsAsTheyAre() {
		JsonNode report = assertOk(post("/ratings/import", "text/csv", resource("ratings.csv")), 200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(10);
		assertThat(report.get("skipped").asLong()).isZero();
		assertThat(storedRating(this.jdbc, "3", "31")).isEqualTo(0.5f);
		assertThat(storedRating(this.jdbc, "2", "1704")).isEqualTo(4.5f);
	}

	@Test
	@Order(6)
	void importsMovieLensLatestMoviesWithQuotedTitlesAndGenreLists() {
		JsonNode report = assertOk(post("/items/import", "text/csv", resource("movies.csv")), 200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(9);
		assertThat(item("11").get("title").asString()).isEqualTo("American President, The (1995)");
		assertThat(item("11").at("/attributes/genres").toString()).isEqualTo("[\"Comedy\",\"Drama\",\"Romance\"]");
		assertThat(item("2064").get("title").asString()).isEqualTo("Roger & Me (1989)");
		assertThat(item("176601").at("/attributes/genres").toString()).isEqualTo("[]");
		assertThat(item("1").get("title").asString()).isEqualTo("Toy Story (1995)");

		JsonNode again = assertOk(post("/items/import", "text/csv", resource("movies.csv")), 200);
		assertThat(again.get("unchanged").asLong()).as("re-importing changes nothing").isEqualTo(9);
	}

	@Test
	@Order(7)
	void catalogueProblemsAreRefusedAndLeaveTheItemsAsTheyWere() {
		String before = this.jdbc
			.sql("select md5(string_agg(external_id || coalesce(title, '') || coalesce("
					+ "attributes::text, ''), ',' order by external_id)) from items")
			.query(String.class)
			.single();
		assertProblem(post("/items/import", "text/csv", "name,year\nHeat,1995\n".getBytes()), 400, "malformed-request");
		assertProblem(post("/items/import?charset=UTF-16", "text/csv", "id,title\n1,x\n".getBytes()), 400,
				"malformed-request");
		assertProblem(post("/items/import?format=movielens-100k&header=true", "text/csv", "1|x\n".getBytes()), 400,
				"malformed-request");
		JsonNode bad = assertProblem(
				post("/items/import", "text/csv", "id,title\n6,Changed\n\"7\"x,Twelve\n,Empty id\n".getBytes()), 400,
				"validation-failed");
		assertThat(bad.get("badLines").asLong()).isEqualTo(2);
		assertProblem(this.api.send("POST", "/items/import", TestApiKeys.READ, "text/csv",
				"id,title\n6,Changed by a reader\n"), 403, "forbidden");
		JsonNode mode = assertProblem(this.api.send("POST", "/items/import?onError=ignore", TestApiKeys.WRITE,
				"text/csv", "id,title\n6,Changed\n"), 400, "validation-failed");
		assertThat(mode.at("/errors/0/field").asString()).isEqualTo("onError");
		assertThat(mode.at("/errors/0/message").asString()).isEqualTo("must be reject or skip");
		JsonNode gzip = assertProblem(this.api.send("POST", "/items/import", TestApiKeys.WRITE, "text/csv",
				"id,title\n6,Changed\n", Map.of("Content-Encoding", "gzip")), 415, "unsupported-media-type");
		assertThat(gzip.get("detail").asString())
			.isEqualTo("Content-Encoding gzip is not supported; send the file uncompressed.");
		assertThat(this.jdbc
			.sql("select md5(string_agg(external_id || coalesce(title, '') || coalesce("
					+ "attributes::text, ''), ',' order by external_id)) from items")
			.query(String.class)
			.single()).isEqualTo(before);
	}

	private JsonNode item(String id) {
		return assertOk(this.api.send("GET", "/items/" + id, TestApiKeys.READ), 200);
	}

	private HttpResponse<String> post(String path, String contentType, byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE)
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofByteArray(body))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] resource(String name) {
		try (InputStream in = MovieLensImportIntegrationTests.class.getResourceAsStream("/movielens/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no test resource movielens/" + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitFinished(long id) {
		JsonNode refit = this.api.awaitRefit(id, Duration.ofSeconds(120));
		assertThat(refit.get("status").asString()).as(refit.toString()).isEqualTo("active");
	}

}
