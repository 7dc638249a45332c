package io.mixrec.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the request id and admission filters, the valve that lets the admission
 * filter drop a connection, and the readiness check of the turns.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RequestConcurrencyProperties.class, TransferProperties.class })
class RequestConcurrencyConfiguration {

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

	/**
	 * @param transfer the limits and the spool directory
	 * @return the spool, closed (its directory deleted) with the context
	 */
	@Bean
	BodySpool bodySpool(TransferProperties transfer) {
		return new BodySpool(transfer);
	}

	@Bean
	RequestConcurrencyLimitFilter requestConcurrencyLimitFilter(RequestConcurrencyProperties properties,
			TransferProperties transfer, BodySpool spool, ProblemDetailsWriter problems) {
		int processors = Runtime.getRuntime().availableProcessors();
		return new RequestConcurrencyLimitFilter(
				new FairTurns(properties.limit(processors), properties.perClient(processors)),
				properties.queueTimeout().toNanos(), properties.maxRequestsPerClient(), spool, transfer, problems);
	}

	/**
	 * After Spring Security's filter chain (order -100), so that the client is known and
	 * requests without a valid key are turned away before their body is read, and before
	 * everything else, so that no work is done before the turn. The HTTP server
	 * observation ({@code HIGHEST_PRECEDENCE + 1}) includes the wait.
	 * @param filter the filter
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<RequestConcurrencyLimitFilter> requestConcurrencyLimitFilterRegistration(
			RequestConcurrencyLimitFilter filter) {
		FilterRegistrationBean<RequestConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/*");
		registration.setOrder(-50);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> connectionHandleValve() {
		return (factory) -> factory.addEngineValves(new ConnectionHandleValve());
	}

	/**
	 * {@code requestAdmission} in the readiness group: DOWN while requests that could run
	 * wait too long for a turn, or gave up waiting recently. Liveness is unaffected: a
	 * busy service is alive.
	 * @param filter the turns
	 * @param properties how long a wait is too long
	 * @return the indicator
	 */
	@Bean
	HealthIndicator requestAdmissionHealthIndicator(RequestConcurrencyLimitFilter filter,
			RequestConcurrencyProperties properties) {
		FairTurns turns = filter.turns();
		long maxWait = properties.readinessMaxWait().toNanos();
		return () -> {
			long waited = turns.longestEligibleWaitNanos();
			boolean gaveUp = turns.timedOutWithin(Math.max(maxWait, 1));
			Health.Builder health = (waited >= maxWait && waited > 0) || gaveUp ? Health.down() : Health.up();
			return health.withDetail("freeTurns", turns.available())
				.withDetail("turns", turns.limit())
				.withDetail("longestWaitMillis", waited / 1_000_000)
				.build();
		};
	}

}
