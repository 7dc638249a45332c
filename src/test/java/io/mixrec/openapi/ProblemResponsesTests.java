package io.mixrec.openapi;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules by which {@link ProblemResponses} completes operations. */
class ProblemResponsesTests {

	@Test
	void readsAreOpenWithAnOptionalKeyWhenReadKeysAreNotRequired() {
		Operation get = describe(false).getPaths().get("/things/{id}").getGet();
		assertThat(get.getExtensions()).isNull();
		assertThat(get.getSecurity()).containsExactly(new SecurityRequirement(),
				new SecurityRequirement().addList("ApiKey"));
		assertThat(get.getResponses()).containsOnlyKeys("200", "400", "401", "404", "429", "503");
	}

	@Test
	void readsNeedTheReadRoleWhenReadKeysAreRequired() {
		Operation get = describe(true).getPaths().get("/things/{id}").getGet();
		assertThat(get.getExtensions()).containsEntry(ProblemResponses.ROLE_EXTENSION, "read");
		assertThat(get.getSecurity()).containsExactly(new SecurityRequirement().addList("ApiKey"));
		// Nothing is below read, so a key is never forbidden here.
		assertThat(get.getResponses()).containsOnlyKeys("200", "400", "401", "404", "429", "503");
	}

	@Test
	void jsonWritesGetBodyProblemsAndForbidden() {
		Operation put = describe(false).getPaths().get("/things/{id}").getPut();
		assertThat(put.getExtensions()).containsEntry(ProblemResponses.ROLE_EXTENSION, "write");
		assertThat(put.getDescription()).endsWith("Needs an API key with the write role.");
		assertThat(put.getResponses()).containsOnlyKeys("201", "400", "401", "403", "404", "408", "409", "413", "415",
				"429", "503");
		assertThat(put.getResponses().get("409").getDescription()).isEqualTo("Duplicate thing");
	}

	@Test
	void adminPathsNeedAdminAndParameterlessOperationsHaveNo400() {
		Operation post = describe(false).getPaths().get("/admin/jobs").getPost();
		assertThat(post.getExtensions()).containsEntry(ProblemResponses.ROLE_EXTENSION, "admin");
		assertThat(post.getResponses()).containsOnlyKeys("202", "401", "403", "429", "503");
	}

	@Test
	void everyErrorResponseIsAProblemAndSuccessesAreLeftAlone() {
		OpenAPI api = describe(false);
		for (PathItem item : api.getPaths().values()) {
			for (Operation operation : item.readOperations()) {
				operation.getResponses().forEach((status, response) -> {
					if (status.startsWith("2")) {
						assertThat(response.getContent()).isNull();
					}
					else {
						assertThat(response.getContent()).containsOnlyKeys("application/problem+json");
						assertThat(response.getContent().get("application/problem+json").getSchema().get$ref())
							.isEqualTo("#/components/schemas/Problem");
					}
				});
			}
		}
		assertThat(api.getComponents().getSchemas().get("Problem").getRequired()).containsExactly("type", "title",
				"status");
		assertThat(api.getComponents().getSecuritySchemes().get("ApiKey").getName()).isEqualTo("X-API-Key");
	}

	private static OpenAPI describe(boolean requireReadKey) {
		Parameter id = new Parameter().name("id").in("path");
		Operation get = new Operation().parameters(List.of(id))
			.responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
		Operation put = new Operation().parameters(List.of(id))
			.requestBody(new RequestBody().content(new Content().addMediaType("application/json", new MediaType())))
			.responses(new ApiResponses().addApiResponse("201", new ApiResponse().description("Created"))
				.addApiResponse("409", new ApiResponse().description("Duplicate thing")));
		Operation post = new Operation()
			.responses(new ApiResponses().addApiResponse("202", new ApiResponse().description("Accepted")));
		OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/things/{id}", new PathItem().get(get).put(put))
			.addPathItem("/admin/jobs", new PathItem().post(post)));
		new ProblemResponses(requireReadKey).customise(api);
		return api;
	}

}
