package io.mixrec.web;

import java.util.List;

import jakarta.validation.ValidatorFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers {@link ParameterRecordResolver}, the binding of every
 * {@code @ParameterObject} record. Spring MVC asks resolvers registered here before its
 * own catch-all one, which would otherwise bind such records by constructor binding.
 */
@Configuration(proxyBeanMethods = false)
class ParameterRecordConfiguration implements WebMvcConfigurer {

	private final ValidatorFactory validation;

	ParameterRecordConfiguration(ValidatorFactory validation) {
		this.validation = validation;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ParameterRecordResolver(new RecordValidator(this.validation)));
	}

}
