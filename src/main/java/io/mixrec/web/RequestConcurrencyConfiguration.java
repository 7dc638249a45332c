package io.mixrec.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the {@link RequestConcurrencyLimitFilter} on every path.
 */
@Configuration(proxyBeanMethods = false)
class RequestConcurrencyConfiguration {

	/**
	 * Right after the HTTP server observation ({@code HIGHEST_PRECEDENCE + 1}), so that
	 * {@code http.server.requests} includes the wait for a turn, and before Spring
	 * Security and everything else, so that no work is done before the turn.
	 * @param properties the limit and the queue timeout
	 * @param problems writes the 503 of a request that waited too long
	 * @return the registration
	 */
	/**
	 * First of all filters, so that the id is in the log lines and answers of everything
	 * after it, the HTTP server observation included.
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestConcurrencyLimitFilter> requestConcurrencyLimitFilter(
			RequestConcurrencyProperties properties, ProblemDetailsWriter problems) {
		FilterRegistrationBean<RequestConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestConcurrencyLimitFilter(properties.limit(Runtime.getRuntime().availableProcessors()),
						properties.queueTimeout().toNanos(), problems));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
