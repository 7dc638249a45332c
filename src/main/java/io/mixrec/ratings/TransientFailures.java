package io.mixrec.ratings;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Retries writes that lost to a concurrent writer: PostgreSQL deadlocks ({@code 40P01})
 * and serialization failures ({@code 40001}), and {@link ConcurrentDeletionException}.
 * Writers touch keys in one global order, so these are rare (a user deleted while being
 * written to); each is retried up to {@code mixrec.ratings.max-retries} times after a
 * short jittered pause, then answered with 503.
 */
@Component
class TransientFailures {

	private static final Log log = LogFactory.getLog(TransientFailures.class);

	private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");

	private static final long BASE_PAUSE_MILLIS = 5;

	private static final long MAX_PAUSE_MILLIS = 200;

	private final int maxRetries;

	private final RatingsMetrics metrics;

	TransientFailures(RatingsProperties properties, RatingsMetrics metrics) {
		this.maxRetries = properties.maxRetries();
		this.metrics = metrics;
	}

	/**
	 * Run a complete transaction, again if it fails transiently.
	 * @param <T> the result type
	 * @param source the kind of write, for the retry metric
	 * @param transaction the transaction; must have rolled back when it throws
	 * @return its result
	 */
	<T> T retry(Source source, Supplier<T> transaction) {
		for (int attempt = 0;; attempt++) {
			try {
				return transaction.get();
			}
			catch (RuntimeException ex) {
				if (!isTransient(ex)) {
					throw ex;
				}
				afterFailure(source, attempt, ex);
			}
		}
	}

	/**
	 * Record a transient failure and pause before the next attempt, or give up.
	 * @param source the kind of write
	 * @param attempt the failed attempt, from 0
	 * @param failure the failure
	 * @throws ApiException 503 when no attempt is left
	 */
	void afterFailure(Source source, int attempt, Exception failure) {
		if (attempt >= this.maxRetries) {
			log.warn(source.tag() + " write failed " + (attempt + 1) + " times on concurrent writes; giving up: "
					+ failure.getMessage());
			ApiException exhausted = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorTypes.SERVICE_UNAVAILABLE,
					"The write conflicted with concurrent writes " + (attempt + 1) + " times. Retry later.", Map.of(),
					failure);
			exhausted.getHeaders().set("Retry-After", "1");
			throw exhausted;
		}
		this.metrics.retried(source);
		long pause = Math.min(MAX_PAUSE_MILLIS, BASE_PAUSE_MILLIS << attempt);
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(pause / 2, pause + pause / 2 + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to retry", ex);
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
			// rejects
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& RETRYABLE_STATES.contains(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
