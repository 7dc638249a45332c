package io.mixrec.openapi;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description served by the running application: it lists every controller
 * endpoint, each with its security requirement and its problem-details error responses,
 * and the role it documents is the one the security filter chain enforces (checked by
 * sending each operation requests with keys below that role).
 */
@MixrecIntegrationTest
class OpenApiIntegrationTests extends IntegrationTestBase {

	private static final Set<String> JSON_MEDIA_TYPES = Set.of("application/json");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	JsonNode docs;

	@BeforeEach
	void fetchDescription() {
		HttpResponse<String> response = this.api.send("GET", "/v3/api-docs", TestApiKeys.READ);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ApiClient.contentType(response)).startsWith("application/json");
		this.docs = ApiClient.json(response.body());
	}

	@Test
	void describesEveryControllerEndpoint() {
		Set<String> endpoints = controllerEndpoints();
		Set<String> documented = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : this.docs.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
			}
		}
		assertThat(endpoints).hasSizeGreaterThanOrEqualTo(15);
		assertThat(documented).containsAll(endpoints);
		assertThat(documented).noneMatch((endpoint) -> endpoint.contains("/error"));
	}

	@Test
	void everyOperationHasSecurityAndProblemResponses() {
		SoftAssertions softly = new SoftAssertions();
		JsonNode apiKey = this.docs.at("/components/securitySchemes/ApiKey");
		softly.assertThat(apiKey.path("type").asString()).isEqualTo("apiKey");
		softly.assertThat(apiKey.path("in").asString()).isEqualTo("header");
		softly.assertThat(apiKey.path("name").asString()).isEqualTo("X-API-Key");
		softly.assertThat(this.docs.at("/components/schemas/Problem/required").values())
			.extracting(JsonNode::asString)
			.containsExactly("type", "title", "status");
		forEachOperation((method, path, operation) -> {
			String name = method + " " + path;
			String role = operation.path(ProblemResponses.ROLE_EXTENSION).asString(null);
			String expectedRole = expectedRole(method, path);
			softly.assertThat(role).as(name + " role").isEqualTo(expectedRole);
			List<String> security = new ArrayList<>();
			operation.path("security")
				.values()
				.forEach((requirement) -> security
					.add(requirement.isEmpty() ? "none" : requirement.propertyNames().iterator().next()));
			softly.assertThat(security)
				.as(name + " security")
				.isEqualTo((expectedRole != null) ? List.of("ApiKey") : List.of("none", "ApiKey"));

			JsonNode responses = operation.path("responses");
			Set<String> statuses = new HashSet<>(responses.propertyNames());
			softly.assertThat(statuses).as(name).contains("401", "503");
			softly.assertThat(statuses.contains("403"))
				.as(name + " 403")
				.isEqualTo("write".equals(expectedRole) || "admin".equals(expectedRole));
			boolean pathParameters = operation.path("parameters")
				.valueStream()
				.anyMatch((parameter) -> "path".equals(parameter.path("in").asString()));
			softly.assertThat(statuses.contains("404")).as(name + " 404").isEqualTo(pathParameters);
			boolean body = operation.has("requestBody");
			if (body || !operation.path("parameters").isEmpty()) {
				softly.assertThat(statuses).as(name).contains("400");
			}
			softly.assertThat(statuses.contains("415")).as(name + " 415").isEqualTo(body);
			boolean json = body && operation.at("/requestBody/content")
				.propertyNames()
				.stream()
				.anyMatch(JSON_MEDIA_TYPES::contains);
			softly.assertThat(statuses.contains("413")).as(name + " 413").isEqualTo(json);
			softly.assertThat(statuses).as(name + " success").anyMatch((status) -> status.startsWith("2"));
			for (String status : statuses) {
				if (status.startsWith("4") || status.startsWith("5")) {
					JsonNode content = responses.path(status).path("content");
					softly.assertThat(content.propertyNames())
						.as(name + " " + status)
						.containsExactly("application/problem+json");
					softly.assertThat(content.at("/application~1problem+json/schema/$ref").asString())
						.as(name + " " + status)
						.isEqualTo("#/components/schemas/Problem");
				}
			}
		});
		softly.assertAll();
	}

	/**
	 * Keys below the documented role are refused by the filter chain before any
	 * controller runs, so these requests change nothing (no admin key is ever sent).
	 */
	@Test
	void documentedRolesAreTheEnforcedOnes() {
		SoftAssertions softly = new SoftAssertions();
		forEachOperation((method, path, operation) -> {
			String role = operation.path(ProblemResponses.ROLE_EXTENSION).asString(null);
			String concrete = concretePath(path, operation);
			String name = method + " " + concrete + " (role " + role + ")";
			if (role == null) {
				softly.assertThat(this.api.send(method, concrete, TestApiKeys.UNKNOWN).statusCode())
					.as(name + " with an unknown key")
					.isEqualTo(401);
				return;
			}
			softly.assertThat(this.api.send(method, concrete, null).statusCode())
				.as(name + " without key")
				.isEqualTo(401);
			if (role.equals("read")) {
				// Security let it through; the controller answers (503 until a model is
				// active).
				softly.assertThat(this.api.send(method, concrete, TestApiKeys.READ).statusCode())
					.as(name + " with a read key")
					.isNotIn(401, 403, 500, 502, 504)
					.isLessThanOrEqualTo(503);
				return;
			}
			softly.assertThat(this.api.send(method, concrete, TestApiKeys.READ).statusCode())
				.as(name + " with a read key")
				.isEqualTo(403);
			int withWrite = this.api.send(method, concrete, TestApiKeys.WRITE).statusCode();
			if (role.equals("admin")) {
				softly.assertThat(withWrite).as(name + " with a write key").isEqualTo(403);
			}
			else {
				// No body: the controller rejects it (400/404/415), security let it
				// through.
				softly.assertThat(withWrite).as(name + " with a write key").isNotIn(401, 403).isLessThan(500);
			}
		});
		softly.assertAll();
	}

	@Test
	void swaggerUiIsServedToAReadKey() {
		HttpResponse<String> redirect = this.api.send("GET", "/swagger-ui.html", TestApiKeys.READ);
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/swagger-ui/index.html"));
		HttpResponse<String> page = this.api.send("GET", "/swagger-ui/index.html", TestApiKeys.READ);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(ApiClient.contentType(page)).startsWith("text/html");
		assertThat(page.body()).contains("swagger-ui");
		HttpResponse<String> config = this.api.send("GET", "/v3/api-docs/swagger-config", TestApiKeys.READ);
		assertThat(config.statusCode()).isEqualTo(200);
		assertThat(ApiClient.json(config.body()).path("url").asString()).isEqualTo("/v3/api-docs");
	}

	private Set<String> controllerEndpoints() {
		Set<String> endpoints = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.handlerMapping.getHandlerMethods()
			.entrySet()) {
			String type = mapping.getValue().getBeanType().getName();
			if (!type.startsWith("io.mixrec.") || type.equals("io.mixrec.web.ProblemErrorController")) {
				continue;
			}
			RequestMappingInfo info = mapping.getKey();
			for (String pattern : info.getPatternValues()) {
				info.getMethodsCondition()
					.getMethods()
					.forEach((method) -> endpoints.add(method.name() + " " + pattern));
			}
		}
		return endpoints;
	}

	private static String expectedRole(String method, String path) {
		if (path.startsWith("/admin/")) {
			return "admin";
		}
		// reads need a key by default (mixrec.security.require-read-key=true)
		return method.equals("GET") ? "read" : "write";
	}

	private static String concretePath(String template, JsonNode operation) {
		String path = template;
		for (JsonNode parameter : operation.path("parameters").values()) {
			if ("path".equals(parameter.path("in").asString())) {
				String type = parameter.at("/schema/type").asString();
				String value = "integer".equals(type) ? "987654321" : "openapi-probe";
				path = path.replace("{" + parameter.path("name").asString() + "}", value);
			}
		}
		return path;
	}

	private void forEachOperation(OperationConsumer consumer) {
		for (Map.Entry<String, JsonNode> path : this.docs.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				consumer.accept(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation.getValue());
			}
		}
	}

	@FunctionalInterface
	private interface OperationConsumer {

		void accept(String method, String path, JsonNode operation);

	}

}
