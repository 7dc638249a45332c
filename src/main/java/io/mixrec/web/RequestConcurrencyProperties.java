package io.mixrec.web;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests run at a time, and how they are shared between clients
 * ({@code mixrec.web.*}); see {@link RequestConcurrencyLimitFilter}.
 *
 * @param maxConcurrentRequests requests that run at once; the others wait for a turn. 0
 * means {@value #PER_PROCESSOR} per available processor
 * @param queueTimeout how long a request waits for its turn before it is answered 503
 * @param maxTurnsPerClient the most turns one client (an API key, or an address for
 * requests without a key) holds at once; 0 means half of them, so that one client can
 * never take every turn
 * @param maxRequestsPerClient the most requests of one client in the service at once,
 * waiting, running, or sending their answer; beyond it, 429 at once. Bounds the threads
 * and the memory one client can take
 * @param readinessMaxWait readiness ({@code /actuator/health/readiness}) reports DOWN
 * while a request that could run has waited this long for a turn, and for as long again
 * after a request gave up waiting: the service cannot take more
 */
@ConfigurationProperties("mixrec.web")
@Validated
public record RequestConcurrencyProperties(@DefaultValue("0") @Min(0) int maxConcurrentRequests,
		@DefaultValue("10s") @NotNull Duration queueTimeout, @DefaultValue("0") @Min(0) int maxTurnsPerClient,
		@DefaultValue("32") @Min(1) int maxRequestsPerClient, @DefaultValue("2s") @NotNull Duration readinessMaxWait) {

	/** Requests per processor when {@code max-concurrent-requests} is 0. */
	static final int PER_PROCESSOR = 4;

	/**
	 * Checks what annotations cannot express.
	 */
	public RequestConcurrencyProperties {
		if (queueTimeout.isNegative()) {
			throw new IllegalArgumentException("mixrec.web.queue-timeout must not be negative, not " + queueTimeout);
		}
		if (readinessMaxWait.isNegative()) {
			throw new IllegalArgumentException(
					"mixrec.web.readiness-max-wait must not be negative, not " + readinessMaxWait);
		}
	}

	/**
	 * @param processors the available processors
	 * @return the number of requests that run at once
	 */
	int limit(int processors) {
		return (this.maxConcurrentRequests > 0) ? this.maxConcurrentRequests : PER_PROCESSOR * Math.max(1, processors);
	}

	/**
	 * @param processors the available processors
	 * @return the most turns one client holds at once
	 */
	int perClient(int processors) {
		int limit = limit(processors);
		return (this.maxTurnsPerClient > 0) ? Math.min(this.maxTurnsPerClient, limit) : Math.max(1, limit / 2);
	}

}
