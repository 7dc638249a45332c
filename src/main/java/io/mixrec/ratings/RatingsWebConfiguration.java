package io.mixrec.ratings;

import io.mixrec.web.ProblemDetailsWriter;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP settings for large request bodies: the {@link JsonBodyLimitFilter} on every path,
 * and "100 Continue" only once the application reads the body.
 */
@Configuration(proxyBeanMethods = false)
class RatingsWebConfiguration {

	/**
	 * The body limit for JSON requests, after Spring Security's filter chain (order
	 * -100), so that unauthenticated requests are rejected before their body is looked
	 * at.
	 * @param properties the limit
	 * @param problems writes the 413
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitFilter(RatingsProperties properties,
			ProblemDetailsWriter problems) {
		FilterRegistrationBean<JsonBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new JsonBodyLimitFilter(properties.maxJsonBodyBytes().toBytes(), problems));
		// Every path: one limit for every JSON body (admin requests, later features).
		registration.addUrlPatterns("/*");
		registration.setOrder(0);
		return registration;
	}

	/**
	 * Tomcat answers {@code Expect: 100-continue} at once by default, so clients that ask
	 * first (curl does for bodies over 1 MB) upload the body even when the answer is 401
	 * or 413. Answering when the application starts reading lets a rejected client skip
	 * the upload of a multi-gigabyte CSV.
	 * @return the customizer
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> continueOnRead() {
		return (factory) -> factory
			.addConnectorCustomizers((connector) -> connector.setProperty("continueResponseTiming", "onRead"));
	}

}
