package io.mixrec.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the OpenAPI description, reduced to what the fuzzer needs: method,
 * path template, the role it needs, its parameters and its request body.
 *
 * @param method the HTTP method, upper case
 * @param template the path template, e.g. {@code /users/{userId}}
 * @param role {@code read}, {@code write}, {@code admin}, or null when no key is needed
 * @param parameters path and query parameters
 * @param contentType the request body's media type, or null without a body
 * @param bodySchema the body's schema with references resolved, or null
 * @param bodyRequired whether the body is required
 */
record Endpoint(String method, String template, @Nullable String role, List<Parameter> parameters,
		@Nullable String contentType, @Nullable JsonNode bodySchema, boolean bodyRequired) {

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	/**
	 * Every operation of a description.
	 * @param docs the {@code /v3/api-docs} document
	 * @return the endpoints
	 */
	static List<Endpoint> fromOpenApi(JsonNode docs) {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				JsonNode operation = entry.getValue();
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : operation.path("parameters").values()) {
					JsonNode schema = parameter.path("schema");
					List<String> allowed = new ArrayList<>();
					schema.path("enum").values().forEach((value) -> allowed.add(value.asString()));
					parameters.add(new Parameter(parameter.path("name").asString(), parameter.path("in").asString(),
							schema.path("type").asString("string"), parameter.path("required").asBoolean(false),
							allowed, schema.has("minimum") ? schema.path("minimum").asLong() : null,
							schema.has("maximum") ? schema.path("maximum").asLong() : null));
				}
				String contentType = null;
				JsonNode bodySchema = null;
				JsonNode content = operation.path("requestBody").path("content");
				if (!content.isMissingNode() && !content.isEmpty()) {
					contentType = content.propertyNames().iterator().next();
					bodySchema = Schemas.resolve(docs, content.path(contentType).path("schema"));
				}
				endpoints.add(new Endpoint(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
						operation.path("x-mixrec-role").asString(null), parameters, contentType, bodySchema,
						operation.path("requestBody").path("required").asBoolean(false)));
			}
		}
		return endpoints;
	}

	boolean isRead() {
		return READ_METHODS.contains(this.method);
	}

	boolean isJson() {
		return this.contentType != null && this.contentType.contains("json");
	}

	String name() {
		return this.method + " " + this.template;
	}

	List<Parameter> in(String location) {
		return this.parameters.stream().filter((parameter) -> parameter.in().equals(location)).toList();
	}

	/**
	 * A path or query parameter.
	 *
	 * @param name its name
	 * @param in {@code path} or {@code query}
	 * @param type the schema type ({@code string}, {@code integer}, ...)
	 * @param required whether it is required
	 * @param allowed the allowed values of an enumeration, else empty
	 * @param minimum the schema minimum, if any
	 * @param maximum the schema maximum, if any
	 */
	record Parameter(String name, String in, String type, boolean required, List<String> allowed,
			@Nullable Long minimum, @Nullable Long maximum) {

	}

}
