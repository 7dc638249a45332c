package io.mixrec.ratings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

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
 * {@code POST /ratings/import}: CSV through COPY and one set-based upsert, atomic, last
 * write wins.
 */
@MixrecIntegrationTest
class RatingImportIntegrationTests extends IntegrationTestBase {

	@Autowired
	MeterRegistry meters;

	String u;

	@BeforeEach
	void setUp() {
		this.u = unique("imp");
	}

	@Test
	void importsMovieLensStyleCsvAndCreatesUsersAndItems() {
		String csv = """
				userId,movieId,rating,timestamp
				%1$s-a,%1$s-m1,4.0,1700000000
				%1$s-a,%1$s-m2,3.5,1700000001
				%1$s-b,%1$s-m1,5,1700000002
				""".formatted(this.u);

		JsonNode report = assertOk(importCsv(csv, ""), 200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(3);
		assertThat(report.get("inserted").asLong()).isEqualTo(3);
		assertThat(report.get("updated").asLong()).isZero();
		assertThat(report.get("unchanged").asLong()).isZero();
		assertThat(report.get("skipped").asLong()).isZero();
		assertThat(report.get("elapsedMs").asLong()).isNotNegative();
		assertThat(report.has("skippedLines")).isFalse();
		assertThat(storedRating(this.jdbc, this.u + "-a", this.u + "-m2")).isEqualTo(3.5f);
		assertThat(storedRating(this.jdbc, this.u + "-b", this.u + "-m1")).isEqualTo(5f);
		assertThat(ratedAt(this.u + "-a", this.u + "-m1")).isEqualTo("2023-11-14T22:13:20Z");
	}

	@Test
	void columnsAreFoundByNameInAnyOrderAndCaseWithQuotesAndUnknownColumns() {
		String csv = "\uFEFFComment, RATEDAT ,Rating,ITEM_ID,User_Id\r\n" //
				+ "\"hello, \"\"world\"\"\",2026-01-02T03:04:05+01:00,2.5,\"" + this.u + "-i,1\"," + this.u + "\r\n"
				+ "\r\n" //
				+ "x,,3," + this.u + "-i2," + this.u; // no final line break; empty time
														// means now

		JsonNode report = assertOk(importCsv(csv, ""), 200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(2);
		assertThat(storedRating(this.jdbc, this.u, this.u + "-i,1")).isEqualTo(2.5f);
		assertThat(ratedAt(this.u, this.u + "-i,1")).isEqualTo("2026-01-02T02:04:05Z");
		assertThat(storedRating(this.jdbc, this.u, this.u + "-i2")).isEqualTo(3f);
	}

	@Test
	void withoutTimeColumnRatingsAreOfTheImportTime() {
		JsonNode report = assertOk(importCsv("user,item,rating\n" + this.u + ",x-" + this.u + ",4\n", ""), 200);

		assertThat(report.get("inserted").asLong()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("select now() - rated_at < interval '1 minute' from ratings r"
					+ " join users u on u.id = r.user_id where u.external_id = ?")
			.param(this.u)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void badLineUnderRejectImportsNothingAndNamesTheLine() {
		String before = snapshot(this.jdbc);
		String csv = """
				userId,itemId,rating,timestamp
				%1$s,%1$s-m1,4,1700000000
				%1$s,%1$s-m2,6,1700000000
				%1$s,%1$s-m3,4,1700000000
				%1$s,"%1$s-m4,4,1700000000
				""".formatted(this.u);

		JsonNode problem = assertProblem(importCsv(csv, "?onError=reject"), 400, "validation-failed");

		assertThat(problem.get("badLines").asLong()).isEqualTo(2);
		assertThat(problem.get("rowsRead").asLong()).isEqualTo(4);
		assertThat(problem.get("errors")
			.valueStream()
			.map((e) -> e.get("line").asLong() + " " + e.path("field").asString("-") + ": "
					+ e.get("message").asString()))
			.containsExactly("3 rating: must be between 0.5 and 5.0",
					"5 -: has an unterminated quoted field (field 2)");
		assertThat(userExists(this.jdbc, this.u)).isFalse();
		assertThat(itemExists(this.jdbc, this.u + "-m1")).isFalse();
		assertThat(changedSince(this.jdbc, before)).isFalse();
		assertThat(assertProblem(importCsv(csv, ""), 400, "validation-failed").get("badLines").asLong()).isEqualTo(2);
	}

	@Test
	void skipImportsTheValidLinesAndListsTheOthers() {
		String csv = """
				userId,itemId,rating,timestamp
				%1$s,%1$s-m1,4,1700000000
				%1$s,,4,1700000000
				%1$s,%1$s-m3,3.25,1700000000
				%1$s,%1$s-m4,4,soon
				%1$s,%1$s-m5
				%1$s,%1$s-m6,1,1700000000
				""".formatted(this.u);

		JsonNode report = assertOk(importCsv(csv, "?onError=skip"), 200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(6);
		assertThat(report.get("inserted").asLong()).isEqualTo(2);
		assertThat(report.get("skipped").asLong()).isEqualTo(4);
		assertThat(report.get("skippedLines")
			.valueStream()
			.map((e) -> e.get("line").asLong() + " " + e.path("field").asString("-") + ": "
					+ e.get("message").asString()))
			.containsExactly("3 itemId: must not be empty", "4 rating: must be 0.5 plus a multiple of 0.5",
					"5 timestamp: " + RatingRules.ratedAtFormatProblem(),
					"6 -: has 2 fields separated by commas; expected at least 4");
		assertThat(ratingCount(this.jdbc, this.u)).isEqualTo(2);
	}

	@Test
	void onlyTheFirst100BadLinesAreListedButAllAreCounted() {
		StringBuilder csv = new StringBuilder("userId,itemId,rating\n");
		for (int i = 0; i < 250; i++) {
			csv.append(this.u).append(",m,0\n");
		}

		JsonNode problem = assertProblem(importCsv(csv.toString(), ""), 400, "validation-failed");

		assertThat(problem.get("badLines").asLong()).isEqualTo(250);
		assertThat(problem.get("errors").size()).isEqualTo(100);
		assertThat(problem.at("/errors/99/line").asLong()).isEqualTo(101);
	}

	@Test
	void lastWriteWinsAgainstStoredRatingsAndInsideTheFile() {
		String csv1 = "userId,itemId,rating,timestamp\n" + this.u + ",a,3,1700000100\n" + this.u + ",b,3,1700000100\n"
				+ this.u + ",c,3,1700000100\n";
		assertOk(importCsv(csv1, ""), 200);
		String csv2 = "userId,itemId,rating,timestamp\n" //
				+ this.u + ",a,5,1700000200\n" // newer: updated
				+ this.u + ",b,5,1700000000\n" // older: unchanged
				+ this.u + ",c,3,1700000100\n" // identical: unchanged
				+ this.u + ",d,1,1700000300\n" // duplicates: the latest time wins...
				+ this.u + ",d,2,1700000400\n" //
				+ this.u + ",d,4,1700000100\n" //
				+ this.u + ",e,1,1700000100\n" // ... and on equal times the last line
				+ this.u + ",e,2,1700000100\n";

		JsonNode report = assertOk(importCsv(csv2, ""), 200);

		assertThat(report.get("rowsRead").asLong()).isEqualTo(8);
		assertThat(report.get("inserted").asLong()).isEqualTo(2);
		assertThat(report.get("updated").asLong()).isEqualTo(1);
		assertThat(report.get("unchanged").asLong()).isEqualTo(5);
		assertThat(storedRating(this.jdbc, this.u, "a")).isEqualTo(5f);
		assertThat(storedRating(this.jdbc, this.u, "b")).isEqualTo(3f);
		assertThat(storedRating(this.jdbc, this.u, "d")).isEqualTo(2f);
		assertThat(storedRating(this.jdbc, this.u, "e")).isEqualTo(2f);
	}

	@Test
	void reimportingTheSameFileChangesNothing() {
		String csv = "userId,itemId,rating,timestamp\n" + this.u + ",a,3,1700000100\n" + this.u + ",b,4,1700000100\n";
		assertOk(importCsv(csv, ""), 200);
		String before = snapshot(this.jdbc);

		JsonNode report = assertOk(importCsv(csv, ""), 200);

		assertThat(report.get("unchanged").asLong()).isEqualTo(2);
		assertThat(changedSince(this.jdbc, before)).isFalse();
	}

	@Test
	void unicodeIdsPassThroughAndInvalidBytesAreBadLines() throws Exception {
		byte[] prefix = ("userId,itemId,rating\n" + this.u + "-é,😀,4\n" + this.u + ",")
			.getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[prefix.length + 5];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		body[prefix.length] = (byte) 0xff; // not UTF-8
		body[prefix.length + 1] = ',';
		body[prefix.length + 2] = '4';
		body[prefix.length + 3] = '\n';
		body[prefix.length + 4] = '\n';

		JsonNode report = assertOk(importBytes(body, "?onError=skip"), 200);

		assertThat(report.at("/skippedLines/0/message").asString()).isEqualTo("must be valid UTF-8");
		assertThat(storedRating(this.jdbc, this.u + "-é", "😀")).isEqualTo(4f);
	}

	@Test
	void headerProblemsAreMalformedRequests() {
		assertProblem(importCsv("", ""), 400, "malformed-request");
		assertProblem(importCsv("\n\n", ""), 400, "malformed-request");
		JsonNode missing = assertProblem(importCsv("user,movie,stars\nu,m,3\n", ""), 400, "malformed-request");
		assertThat(missing.get("detail").asString()).contains("Found: user, movie, stars.");
		assertProblem(importCsv("userId,user,itemId,rating\n", ""), 400, "malformed-request");
		assertProblem(importCsv("\"userId,itemId,rating\n", ""), 400, "malformed-request");
		JsonNode empty = assertOk(importCsv("userId,itemId,rating\n", ""), 200);
		assertThat(empty.get("rowsRead").asLong()).isZero();
	}

	@Test
	void wrongMediaTypesAndParametersAreProblems() {
		String csv = "userId,itemId,rating\n" + this.u + ",a,4\n";
		assertProblem(this.api.send("POST", "/ratings/import", TestApiKeys.WRITE, "application/json", "[]"), 415,
				"unsupported-media-type");
		JsonNode latin1 = assertProblem(
				this.api.send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv; charset=iso-8859-1", csv), 415,
				"unsupported-media-type");
		assertThat(latin1.get("detail").asString()).isEqualTo("The file must be UTF-8, not iso-8859-1.");
		JsonNode gzip = assertProblem(this.api.send("POST", "/ratings/import", TestApiKeys.WRITE, "text/csv", csv,
				Map.of("Content-Encoding", "gzip")), 415, "unsupported-media-type");
		assertThat(gzip.get("detail").asString())
			.isEqualTo("Content-Encoding gzip is not supported; send the file uncompressed.");
		assertProblem(importCsv(csv, "?header=maybe"), 400, "malformed-request");
		JsonNode problem = assertProblem(importCsv(csv, "?onError=ignore"), 400, "validation-failed");
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("onError");
		assertOk(this.api.send("POST", "/ratings/import?onError=SKIP", TestApiKeys.WRITE, "text/csv; charset=UTF-8",
				csv), 200);
	}

	@Test
	void importsNeedTheWriteRole() {
		String csv = "userId,itemId,rating\n" + this.u + ",a,4\n";
		assertProblem(this.api.send("POST", "/ratings/import", null, "text/csv", csv), 401, "unauthorized");
		assertProblem(this.api.send("POST", "/ratings/import", TestApiKeys.READ, "text/csv", csv), 403, "forbidden");
		assertThat(userExists(this.jdbc, this.u)).isFalse();
	}

	@Test
	void aLargeImportRefreshesThePlannerStatisticsAndASmallOneDoesNot() {
		OffsetDateTime beforeSmall = now();
		assertOk(importCsv("userId,itemId,rating\n" + this.u + ",s,4\n", ""), 200);
		assertThat(lastAnalyzed()).as("no ANALYZE after a small import").isBefore(beforeSmall);
		StringBuilder csv = new StringBuilder("userId,itemId,rating\n");
		int users = 100;
		int items = (int) (StagedImport.ANALYZE_AFTER_ROWS + users - 1) / users;
		for (int user = 0; user < users; user++) {
			for (int item = 0; item < items; item++) {
				csv.append(this.u)
					.append('-')
					.append(user)
					.append(',')
					.append(this.u)
					.append("-i")
					.append(item)
					.append(",4\n");
			}
		}
		OffsetDateTime before = now();

		JsonNode report = assertOk(importCsv(csv.toString(), ""), 200);

		assertThat(report.get("inserted").asLong()).isGreaterThanOrEqualTo(StagedImport.ANALYZE_AFTER_ROWS);
		assertThat(lastAnalyzed()).isAfterOrEqualTo(before);
	}

	private OffsetDateTime now() {
		return this.jdbc.sql("select clock_timestamp()").query(OffsetDateTime.class).single();
	}

	private OffsetDateTime lastAnalyzed() {
		return this.jdbc
			.sql("select coalesce(last_analyze, 'epoch') from pg_stat_user_tables where relname = 'ratings'")
			.query(OffsetDateTime.class)
			.single();
	}

	@Test
	void importsAreMeasured() {
		double inserted = this.meters.get("mixrec.ratings.written")
			.tag("outcome", "inserted")
			.tag("source", "import")
			.counter()
			.count();
		long imports = this.meters.find("mixrec.ratings.import")
			.tag("result", "success")
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();

		assertOk(importCsv("userId,itemId,rating\n" + this.u + ",a,4\n" + this.u + ",b,4\n", ""), 200);

		assertThat(this.meters.get("mixrec.ratings.written")
			.tag("outcome", "inserted")
			.tag("source", "import")
			.counter()
			.count()).isEqualTo(inserted + 2);
		assertThat(this.meters.get("mixrec.ratings.import").tag("result", "success").timer().count())
			.isEqualTo(imports + 1);
		assertThat(this.meters.get("mixrec.ratings.import.rows").tag("result", "accepted").counter().count())
			.isGreaterThanOrEqualTo(2);
	}

	private String ratedAt(String user, String item) {
		return this.jdbc.sql("""
				select to_char(r.rated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from ratings r
				where r.user_id = (select id from users where external_id = ?)
				  and r.item_id = (select id from items where external_id = ?)
				""").params(user, item).query(String.class).single();
	}

	private HttpResponse<String> importBytes(byte[] csv, String query) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/ratings/import" + query))
			.header("X-API-Key", TestApiKeys.WRITE)
			.header("Content-Type", "text/csv")
			.POST(BodyPublishers.ofByteArray(csv))
			.build();
		return HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
	}

	private HttpResponse<String> importCsv(String csv, String query) {
		return this.api.send("POST", "/ratings/import" + query, TestApiKeys.WRITE, "text/csv", csv);
	}

}
