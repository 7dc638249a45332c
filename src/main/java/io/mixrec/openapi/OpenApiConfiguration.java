package io.mixrec.openapi;

import io.mixrec.security.SecurityProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The base of the OpenAPI description, and the customizer that adds security and error
 * responses to every operation springdoc finds, including those of features added later.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// Controllers that read a JsonNode document their body shapes with annotations;
		// the node type itself is any JSON value, not a bean with getters.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new Schema<>());
	}

	@Bean
	OpenAPI mixrecOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI().info(new Info().title("mixrec")
			.version((properties != null) ? properties.getVersion() : "development")
			.description("""
					Ratings in, recommendations out: a Gaussian mixture over users fitted by EM.

					Authenticate with an API key in the `X-API-Key` header (the Authorize \
					button). Each operation says the role it needs (`x-mixrec-role`); \
					`admin` includes `write`, which includes `read`. Every error is an \
					RFC 9457 problem detail (`application/problem+json`); branch on its `type`."""));
	}

	@Bean
	ProblemResponses problemResponses(SecurityProperties security) {
		return new ProblemResponses(security.requireReadKey());
	}

}
