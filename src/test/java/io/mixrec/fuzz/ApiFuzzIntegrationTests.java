package io.mixrec.fuzz;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mixrec.em.PlantedMixture;
import io.mixrec.fuzz.RawHttp.Response;
import io.mixrec.fuzz.RequestGenerator.FuzzRequest;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestRatings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing: at least 10,000 malformed or hostile requests, made from every operation of
 * the OpenAPI description ({@code /v3/api-docs}: paths, methods, parameters, body
 * schemas, required roles) plus the actuator endpoints, and a hand-written grammar of
 * hostile values ({@link FuzzGrammar}): wrong types, missing fields, huge numbers,
 * NaN/Infinity, long, control-character and non-UTF-8 ids (raw bytes and
 * percent-encoded), SQL and script fragments, wrong content types, oversized and
 * truncated bodies, bad query parameters, missing and wrong API keys, and broken HTTP
 * framing. Sent over raw sockets with a fixed seed.
 *
 * <p>
 * Pass: no 5xx (and no request left without an answer); every 4xx is a problem detail
 * ({@code application/problem+json} with {@code type}, {@code title} and a {@code status}
 * equal to the response's); every request that could change data is refused, and the
 * ratings, users, items and model tables are unchanged (checksums before and after).
 * Hostile values that are valid (SQL fragments as ids, say) are tested apart, in
 * {@link #hostileButValidValuesAreStoredVerbatim()}.
 */
@MixrecIntegrationTest
class ApiFuzzIntegrationTests extends IntegrationTestBase {

	private static final long SEED = 0x5EED_2026L;

	private static final int REQUESTS = 10_500;

	private static final int THREADS = 6;

	/** {@code mixrec.web.transfer.max-body-bytes} in the test configuration (default). */
	private static final long JSON_LIMIT = 4L * 1024 * 1024;

	private static final List<String> TABLES = List.of("users", "items", "ratings", "rating_changes", "model_versions",
			"active_model", "model_activations");

	@Test
	void hostileRequestsAreRefusedWithProblemDetailsAndChangeNothing() throws Exception {
		ApiClient api = new ApiClient(this.port);
		ensureActiveModel(api);
		List<Endpoint> endpoints = new ArrayList<>(
				Endpoint.fromOpenApi(ApiClient.json(api.send("GET", "/v3/api-docs", TestApiKeys.READ).body())));
		int documented = endpoints.size();
		endpoints.add(new Endpoint("GET", "/actuator/health", null, List.of(), null, null, false));
		endpoints.add(new Endpoint("GET", "/actuator/health/readiness", null, List.of(), null, null, false));
		endpoints.add(new Endpoint("GET", "/actuator/info", "admin", List.of(), null, null, false));
		endpoints.add(new Endpoint("GET", "/actuator/prometheus", "admin", List.of(), null, null, false));

		RequestGenerator generator = new RequestGenerator(new Random(SEED), endpoints, this.port, "fz-");
		List<FuzzRequest> requests = new ArrayList<>(generator.generate(REQUESTS));
		requests.addAll(generator.oversized(JSON_LIMIT));

		Map<String, String> before = checksums();
		long started = System.nanoTime();
		Outcomes outcomes = send(requests);
		long elapsed = (System.nanoTime() - started) / 1_000_000;
		Map<String, String> after = checksums();

		System.out.printf("Fuzz: %d requests (%d operations from /v3/api-docs + 4 actuator) in %d ms, seed %d%n",
				requests.size(), documented, elapsed, SEED);
		System.out.println("Fuzz: statuses " + new TreeMap<>(outcomes.statuses));
		outcomes.byCategory
			.forEach((category, statuses) -> System.out.println("Fuzz:   " + category + " " + new TreeMap<>(statuses)));
		System.out.println("Fuzz: requests per operation " + new TreeMap<>(outcomes.perOperation));
		System.out.println("Fuzz: failures " + outcomes.failures.size());
		Map<String, List<String>> kinds = new TreeMap<>();
		outcomes.failures.forEach(
				(failure) -> kinds
					.computeIfAbsent(failure.substring(0, failure.indexOf(" | ")).replaceAll(" ->.*", ""),
							(kind) -> new ArrayList<>())
					.add(failure));
		kinds.forEach((kind, examples) -> System.out
			.println("Fuzz:   " + examples.size() + " x " + kind + "; e.g. " + examples.get(0)));

		assertThat(requests.size()).isGreaterThanOrEqualTo(10_000);
		assertThat(outcomes.perOperation.keySet()).hasSize(endpoints.size());
		assertThat(outcomes.failures).as("5xx, missing answers, non-problem 4xx, accepted writes").isEmpty();
		assertThat(after).as("table checksums after the fuzz").isEqualTo(before);
		// -1: an HTTP/0.9-style answer without status line, checked above.
		assertThat(outcomes.statuses.keySet()).as("every answer is a 4xx or a read's 2xx/3xx")
			.allMatch((status) -> status == -1 || (status >= 200 && status < 500));
		assertThat(outcomes.statuses.keySet()).noneMatch((status) -> status >= 500);
	}

	/**
	 * Without an active model the recommendation endpoints answer every request with a
	 * 503 before they look at its parameters; fuzz them with a model so that their
	 * parameter handling is what gets exercised. The shared database may already hold one
	 * from another test; otherwise a small planted data set is refitted through the admin
	 * API, before the checksums are taken.
	 */
	private void ensureActiveModel(ApiClient api) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		if (activeVersion() == null) {
			new TestRatings().planted("fzm-", new PlantedMixture(200, 40, 3000, 3, 11)).insert(this.dataSource);
		}
		while (activeVersion() == null) {
			HttpResponse<String> started = api.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json",
					"{\"clusters\": 3, \"seed\": 5}");
			if (started.statusCode() == 202) {
				long id = ApiClient.json(started.body()).get("id").asLong();
				while (ApiClient.json(api.send("GET", "/admin/refits/" + id, TestApiKeys.ADMIN).body())
					.get("status")
					.asString()
					.equals("running")) {
					assertThat(System.nanoTime()).as("refit %d still running", id).isLessThan(deadline);
					Thread.sleep(100);
				}
			}
			else {
				// another test's refit is running: wait for it
				assertThat(started.statusCode()).isEqualTo(409);
				Thread.sleep(500);
			}
			assertThat(System.nanoTime()).as("an active model").isLessThan(deadline);
		}
		// the serving snapshot follows the activation by notification or poll
		while (api.send("GET", "/clusters", TestApiKeys.READ).statusCode() != 200) {
			assertThat(System.nanoTime()).as("the active model is served").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private @Nullable Long activeVersion() {
		return this.jdbc.sql("select version from active_model where version is not null")
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/**
	 * The hostile values of the grammar that are valid ids or titles are stored and
	 * returned exactly as sent, in a batch, one by one through the path, and as item
	 * titles: no injection, no mangling.
	 */
	@Test
	void hostileButValidValuesAreStoredVerbatim() {
		ApiClient api = new ApiClient(this.port);
		String run = "fzv-" + Long.toString(System.nanoTime(), 36) + "-";
		StringBuilder batch = new StringBuilder("[");
		List<String> users = new ArrayList<>();
		for (String value : FuzzGrammar.HOSTILE_TEXT) {
			String user = run + value;
			users.add(user);
			batch.append((batch.length() > 1) ? "," : "")
				.append("{\"userId\":")
				.append(Schemas.quote(user))
				.append(",\"itemId\":")
				.append(Schemas.quote(value))
				.append(",\"rating\":4}");
		}
		HttpResponse<String> written = api.send("POST", "/ratings", TestApiKeys.WRITE, "application/json",
				batch.append(']').toString());
		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
		List<String> stored = this.jdbc.sql("""
				select u.external_id || ' -> ' || i.external_id from ratings r
				join users u on u.id = r.user_id join items i on i.id = r.item_id
				where u.external_id like ? order by 1
				""").param(run + "%").query(String.class).list();
		assertThat(stored).containsExactlyInAnyOrderElementsOf(
				FuzzGrammar.HOSTILE_TEXT.stream().map((value) -> run + value + " -> " + value).toList());

		int readBack = 0;
		for (String value : FuzzGrammar.HOSTILE_TEXT) {
			String path = "/users/" + FuzzGrammar.encode(run + value) + "/ratings/" + FuzzGrammar.encode(value);
			HttpResponse<String> read = api.send("GET", path, TestApiKeys.READ);
			if (read.statusCode() == 400) {
				// The request firewall refuses some characters in paths (README); batches
				// take them.
				assertThat(read.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				continue;
			}
			assertThat(read.statusCode()).as(path).isEqualTo(200);
			JsonNode rating = ApiClient.json(read.body());
			assertThat(rating.get("userId").asString()).isEqualTo(run + value);
			assertThat(rating.get("itemId").asString()).isEqualTo(value);
			readBack++;

			String item = run + "item-" + value;
			HttpResponse<String> put = api.send("PUT", "/items/" + FuzzGrammar.encode(item), TestApiKeys.WRITE,
					"application/json", "{\"title\":" + Schemas.quote(value) + ",\"attributes\":{"
							+ Schemas.quote(value) + ":[" + Schemas.quote(value) + "]}}");
			assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
			JsonNode stored2 = ApiClient
				.json(api.send("GET", "/items/" + FuzzGrammar.encode(item), TestApiKeys.READ).body());
			assertThat(stored2.get("title").asString()).isEqualTo(value);
			assertThat(stored2.at("/attributes").propertyNames()).containsExactly(value);
		}
		assertThat(readBack).isGreaterThan(FuzzGrammar.HOSTILE_TEXT.size() / 2);
	}

	private Outcomes send(List<FuzzRequest> requests) throws Exception {
		Outcomes outcomes = new Outcomes();
		RawHttp http = new RawHttp(this.port);
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			workers.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
					FuzzRequest request = requests.get(i);
					outcomes.record(request, http.send(request.bytes(), request.halfClose()));
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(10, TimeUnit.MINUTES);
		}
		pool.shutdown();
		return outcomes;
	}

	private Map<String, String> checksums() {
		Map<String, String> sums = new TreeMap<>();
		for (String table : TABLES) {
			sums.put(table, this.jdbc
				.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
						+ table + " t")
				.query(String.class)
				.single());
		}
		return sums;
	}

	/** What the server answered, gathered from all senders. */
	static final class Outcomes {

		final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

		final Map<String, Map<Integer, Integer>> byCategory = new ConcurrentHashMap<>();

		final Map<String, Integer> perOperation = new ConcurrentHashMap<>();

		final Queue<String> failures = new ConcurrentLinkedQueue<>();

		void record(FuzzRequest request, Response response) {
			int status = response.status();
			this.statuses.merge(status, 1, Integer::sum);
			this.byCategory.computeIfAbsent(request.category(), (c) -> new ConcurrentHashMap<>())
				.merge(status, 1, Integer::sum);
			this.perOperation.merge(request.operation(), 1, Integer::sum);
			String problem = problem(request, response);
			if (problem != null) {
				this.failures.add(problem + ": " + request.category() + " " + request.operation() + " -> " + status
						+ " " + abbreviate(response.bodyText()) + " | request "
						+ abbreviate(new String(request.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)));
			}
		}

		private static String problem(FuzzRequest request, Response response) {
			int status = response.status();
			if (status == -1 && response.body().length > 0) {
				// Tomcat answers a request line it reads as HTTP/0.9 (no version, or a
				// method it cannot parse) the HTTP/0.9 way: the body alone. Then the body
				// must still be a problem, unless it was a read.
				if (isHttp09(request) && !request.mustBeRefused()) {
					return null;
				}
				return bodyOnlyProblem(response);
			}
			if (status < 0) {
				return (status == -2) ? "no answer in time" : "connection closed without an answer";
			}
			if (status >= 500) {
				return "server error";
			}
			if (status < 400) {
				return request.mustBeRefused() ? "accepted" : null;
			}
			String type = response.header("Content-Type");
			if (type == null || !type.startsWith("application/problem+json")) {
				return "not problem details (" + type + ")";
			}
			if (request.head()) {
				return null;
			}
			try {
				JsonNode body = ApiClient.json(response.bodyText());
				if (!body.path("type").isString() || !body.path("title").isString()
						|| body.path("status").asInt(-1) != status) {
					return "incomplete problem";
				}
			}
			catch (RuntimeException ex) {
				return "unreadable problem";
			}
			return null;
		}

		private static String bodyOnlyProblem(Response response) {
			try {
				JsonNode body = ApiClient.json(response.bodyText());
				int status = body.path("status").asInt(-1);
				return (body.path("type").isString() && body.path("title").isString() && status >= 400 && status < 500)
						? null : "body-only answer that is no 4xx problem";
			}
			catch (RuntimeException ex) {
				return "body-only answer that is no problem";
			}
		}

		private static boolean isHttp09(FuzzRequest request) {
			String text = new String(request.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n");
			return end > 0 && !text.substring(0, end).contains(" HTTP/");
		}

		private static String abbreviate(String text) {
			String flat = text.replace("\r\n", "\\r\\n").replace("\n", "\\n");
			return (flat.length() > 1200) ? flat.substring(0, 1200) + "..." : flat;
		}

	}

}
