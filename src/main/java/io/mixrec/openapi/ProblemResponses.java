package io.mixrec.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.mixrec.security.AccessRules;
import io.mixrec.security.Role;
import io.mixrec.web.ErrorTypes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes every operation of the description by rule, so that endpoints need no
 * per-method annotations for what all of them share:
 * <ul>
 * <li>security: the {@code ApiKey} scheme ({@code X-API-Key} header), required where
 * {@link AccessRules} asks for a role and optional elsewhere, and the role itself as
 * {@value #ROLE_EXTENSION};</li>
 * <li>problem-details responses ({@code application/problem+json}, schema
 * {@code Problem}): 400 with parameters or a body, 401 always (an unknown key is refused
 * even where none is needed), 403 where the role is above read, 404 with path parameters,
 * 413 with a JSON body, 415 with any body, 503 always (the database); responses a
 * controller declares itself (409, say) keep their description and get the problem
 * content.</li>
 * </ul>
 */
class ProblemResponses implements OpenApiCustomizer {

	/** The extension member that names the role an operation needs. */
	static final String ROLE_EXTENSION = "x-mixrec-role";

	static final String SECURITY_SCHEME = "ApiKey";

	static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

	private static final String PROBLEM_REF = "#/components/schemas/Problem";

	private final boolean requireReadKey;

	ProblemResponses(boolean requireReadKey) {
		this.requireReadKey = requireReadKey;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components
			.addSecuritySchemes(SECURITY_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-API-Key")
						.description("An API key; its role (read, write or admin) decides what it may do."))
			.addSchemas("Problem", problemSchema())
			.addSchemas("InvalidField", invalidFieldSchema()));
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> complete(path, method, operation)));
	}

	private void complete(String path, PathItem.HttpMethod method, Operation operation) {
		Role role = AccessRules.requiredRole(method.name(), path, this.requireReadKey);
		describeSecurity(operation, role);
		boolean hasBody = operation.getRequestBody() != null;
		boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
		Map<String, ApiResponse> responses = new TreeMap<>(
				(operation.getResponses() != null) ? operation.getResponses() : Map.of());
		if (hasBody || hasParameters) {
			responses.putIfAbsent("400", response("The request is malformed (`malformed-request`) or has invalid"
					+ " fields (`validation-failed`, listed in `errors`)."));
		}
		responses.putIfAbsent("401",
				response((role != null) ? "No API key, or one that is not configured (`unauthorized`)."
						: "An API key that is not configured (`unauthorized`); no key is needed here."));
		if (role == Role.WRITE || role == Role.ADMIN) {
			responses.putIfAbsent("403",
					response("The key's role is below " + role.name().toLowerCase(Locale.ROOT) + " (`forbidden`)."));
		}
		if (hasPathParameters(operation)) {
			responses.putIfAbsent("404", response("The addressed resource does not exist (`not-found`)."));
		}
		if (hasBody && consumesJson(operation)) {
			responses.putIfAbsent("413", response(
					"The body is larger than `mixrec.web.transfer.max-body-bytes`" + " (`content-too-large`)."));
		}
		if (hasBody) {
			responses.putIfAbsent("408", response("The body arrived more slowly than"
					+ " `mixrec.web.transfer.min-rate` after the grace period (`request-timeout`)."));
			responses.putIfAbsent("415",
					response("The `Content-Type` is not one this operation accepts" + " (`unsupported-media-type`)."));
		}
		responses.putIfAbsent("429",
				response("This client (API key, or address without one) has"
						+ " `mixrec.web.max-requests-per-client` requests in the service already (`too-many-requests`);"
						+ " retry after `Retry-After` seconds."));
		responses.putIfAbsent("503",
				response("The database is unavailable, or a write kept conflicting with concurrent writes"
						+ " (`service-unavailable`); retry later."));
		ApiResponses completed = new ApiResponses();
		responses.forEach((status, response) -> completed.addApiResponse(status, isError(status)
				? response.content(new Content().addMediaType(PROBLEM_MEDIA_TYPE, problemMediaType())) : response));
		operation.setResponses(completed);
	}

	private static void describeSecurity(Operation operation, @Nullable Role role) {
		SecurityRequirement apiKey = new SecurityRequirement().addList(SECURITY_SCHEME);
		if (role == null) {
			// An empty requirement makes the key optional.
			operation.setSecurity(new ArrayList<>(List.of(new SecurityRequirement(), apiKey)));
			return;
		}
		operation.setSecurity(new ArrayList<>(List.of(apiKey)));
		operation.addExtension(ROLE_EXTENSION, role.name().toLowerCase(Locale.ROOT));
		String needs = "Needs an API key with the " + role.name().toLowerCase(Locale.ROOT) + " role.";
		operation
			.setDescription((operation.getDescription() != null) ? operation.getDescription() + "\n\n" + needs : needs);
	}

	private static boolean hasPathParameters(Operation operation) {
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		return parameters.stream().anyMatch((parameter) -> "path".equals(parameter.getIn()));
	}

	private static boolean consumesJson(Operation operation) {
		Content content = operation.getRequestBody().getContent();
		return content != null && content.keySet().stream().anyMatch((type) -> type.contains("json"));
	}

	private static boolean isError(String status) {
		return status.startsWith("4") || status.startsWith("5");
	}

	private static ApiResponse response(String description) {
		return new ApiResponse().description(description);
	}

	private static MediaType problemMediaType() {
		return new MediaType().schema(new Schema<>().$ref(PROBLEM_REF));
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem detail.")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("What went wrong, stable: branch on this (e.g. " + ErrorTypes.NOT_FOUND + ")."))
			.addProperty("title", new StringSchema().description("Short summary of the type, for humans."))
			.addProperty("status", new IntegerSchema().description("The HTTP status."))
			.addProperty("detail", new StringSchema().description("Explanation of this occurrence, for humans."))
			.addProperty("instance",
					new StringSchema().format("uri-reference").description("The request path the problem is about."))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/InvalidField"))
						.description("For `validation-failed`: every invalid field."))
			.required(List.of("type", "title", "status"));
	}

	private static Schema<?> invalidFieldSchema() {
		return new ObjectSchema().description("One invalid field of a `validation-failed` problem.")
			.addProperty("field", new StringSchema().description("The field or parameter, as the client named it."))
			.addProperty("message", new StringSchema().description("Why it is invalid."))
			.addProperty("index", new IntegerSchema().description("The element of a batch, from 0."))
			.addProperty("line", new IntegerSchema().format("int64").description("The line of a CSV import, from 1."))
			.required(List.of("message"));
	}

}
