package io.mixrec.web;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many requests run at a time ({@code mixrec.web.*}); see
 * {@link RequestConcurrencyLimitFilter}.
 *
 * @param maxConcurrentRequests requests that run at once; the others wait for a turn. 0
 * means {@value #PER_PROCESSOR} per available processor
 * @param queueTimeout how long a request waits for its turn before it is answered 503
 */
@ConfigurationProperties("mixrec.web")
@Validated
public record RequestConcurrencyProperties(@DefaultValue("0") @Min(0) int maxConcurrentRequests,
		@DefaultValue("10s") @NotNull Duration queueTimeout) {

	/** Requests per processor when {@code max-concurrent-requests} is 0. */
	static final int PER_PROCESSOR = 4;

	/**
	 * Checks what annotations cannot express.
	 */
	public RequestConcurrencyProperties {
		if (queueTimeout.isNegative()) {
			throw new IllegalArgumentException("mixrec.web.queue-timeout must not be negative, not " + queueTimeout);
		}
	}

	/**
	 * @param processors the available processors
	 * @return the number of requests that run at once
	 */
	int limit(int processors) {
		return (this.maxConcurrentRequests > 0) ? this.maxConcurrentRequests : PER_PROCESSOR * Math.max(1, processors);
	}

}
