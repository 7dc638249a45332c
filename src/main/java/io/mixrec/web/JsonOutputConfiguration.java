package io.mixrec.web;

import tools.jackson.core.StreamWriteFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Writes doubles with Jackson's Schubfach writer ({@code USE_FAST_DOUBLE_WRITER}) instead
 * of {@link Double#toString}. On Java 17, {@code Double.toString} is a big-integer
 * algorithm that took about a tenth of the CPU of a recommendations request (33 doubles
 * per answer). The fast writer prints the shortest decimal that reads back as the same
 * double, so a client parses exactly the value the service computed; only the digits of a
 * few values differ where {@code Double.toString} printed more of them than needed.
 * Spring Boot has no property for stream write features, hence the customizer.
 */
@Configuration(proxyBeanMethods = false)
class JsonOutputConfiguration {

	@Bean
	JsonMapperBuilderCustomizer fastDoubleWriter() {
		return (builder) -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
	}

}
