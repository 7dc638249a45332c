package io.mixrec.web;

import java.util.List;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * The application's {@link JsonMapper} reads strictly and within limits, for every JSON
 * request body whatever the endpoint:
 * <ul>
 * <li>limits while parsing ({@link JsonLimitsProperties}): a body is rejected once it has
 * more tokens, deeper nesting or longer strings than allowed, before the tree it would
 * become exists. A 16 MB body {@code [{},{},...]} is 5.6 million objects; built as a tree
 * before any element count was checked, four such requests at once ended a 1 GB JVM;</li>
 * <li>a property given twice is an error, not "the last one wins";</li>
 * <li>{@code 1.5} is not accepted for an integer field;</li>
 * <li>nothing may follow the document.</li>
 * </ul>
 * The limits live in the parser factory, which Spring Boot 4.0 cannot configure, so this
 * replaces Boot's {@code JsonMapper.Builder} with one on a constrained factory and then
 * applies every {@link JsonMapperBuilderCustomizer}, as Boot's does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JsonLimitsProperties.class)
class JsonInputConfiguration {

	@Bean
	@Scope("prototype")
	JsonMapper.Builder jsonMapperBuilder(JsonLimitsProperties limits, List<JsonMapperBuilderCustomizer> customizers) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxTokenCount(limits.maxTokens())
			.maxNestingDepth(limits.maxNestingDepth())
			.maxStringLength(limits.maxStringLength())
			.maxNameLength(limits.maxNameLength())
			.build();
		JsonMapper.Builder builder = JsonMapper
			.builder(JsonFactory.builder().streamReadConstraints(constraints).build());
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	@Bean
	JsonMapperBuilderCustomizer strictJsonInput() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
	}

}
