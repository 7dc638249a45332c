package io.mixrec.ratings;

import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;

/**
 * Retries writes that lost to a concurrent writer: PostgreSQL deadlocks ({@code 40P01})
 * and serialization failures ({@code 40001}), and {@link ConcurrentDeletionException}.
 * Writers touch keys in one global order, so these are rare (a user deleted while being
 * written to); each is retried up to {@code mixrec.ratings.max-retries} times after a
 * short, growing, jittered pause (Spring's {@link RetryTemplate}), then answered with 503
 * ({@link WriteConflictException}).
 */
@Component
class TransientFailures {

	private static final Log log = LogFactory.getLog(TransientFailures.class);

	private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");

	// Short pauses: the writer that won holds its locks for one transaction only.
	private static final Duration FIRST_PAUSE = Duration.ofMillis(5);

	private static final Duration MAX_PAUSE = Duration.ofMillis(200);

	private final int maxRetries;

	private final Map<Source, RetryTemplate> templates = new EnumMap<>(Source.class);

	TransientFailures(RatingsProperties properties, RatingsMetrics metrics) {
		this.maxRetries = properties.maxRetries();
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(this.maxRetries)
			.delay(FIRST_PAUSE)
			.multiplier(2)
			.maxDelay(MAX_PAUSE)
			.jitter(FIRST_PAUSE.dividedBy(2))
			.predicate(TransientFailures::isTransient)
			.build();
		for (Source source : Source.values()) {
			RetryTemplate template = new RetryTemplate(policy);
			template.setRetryListener(new RetryListener() {

				@Override
				public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
					metrics.retried(source);
				}

			});
			this.templates.put(source, template);
		}
	}

	/**
	 * Run a complete transaction, again if it fails transiently.
	 * @param <T> the result type
	 * @param source the kind of write, for the retry metric
	 * @param transaction the transaction; must have rolled back when it throws
	 * @return its result
	 * @throws WriteConflictException when it failed transiently every time
	 */
	<T extends @Nullable Object> T retry(Source source, Supplier<T> transaction) {
		try {
			return Objects.requireNonNull(this.templates.get(source), "a template per source").invoke(transaction);
		}
		catch (RuntimeException ex) {
			if (!isTransient(ex)) {
				throw ex;
			}
			log.warn(source.tag() + " write failed " + (this.maxRetries + 1)
					+ " times on concurrent writes; giving up: " + ex.getMessage());
			throw new WriteConflictException(this.maxRetries + 1, ex);
		}
	}

	/**
	 * Whether a failure is worth retrying.
	 * @param failure the failure
	 * @return true for deadlocks, serialization failures and concurrent deletions
	 */
	static boolean isTransient(Throwable failure) {
		Throwable cause = failure;
		// Bounded: a cause chain can contain a cycle.
		for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
			if (cause instanceof ConcurrentDeletionException) {
				return true;
			}
			// getSQLState() may be null (HikariCP's connection timeout), which Set.of
			// rejects.
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& RETRYABLE_STATES.contains(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
