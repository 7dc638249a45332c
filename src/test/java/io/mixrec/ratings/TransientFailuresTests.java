package io.mixrec.ratings;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.mixrec.web.DomainException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TransientFailuresTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TransientFailures retries = new TransientFailures(RatingRulesTests.properties(1, 5, 0.5),
			new RatingsMetrics(this.meters));

	@Test
	void deadlocksSerializationFailuresAndConcurrentDeletionsAreTransient() {
		assertThat(TransientFailures.isTransient(deadlock())).isTrue();
		assertThat(TransientFailures
			.isTransient(new CannotAcquireLockException("x", new SQLException("could not serialize", "40001"))))
			.isTrue();
		assertThat(TransientFailures.isTransient(new ConcurrentDeletionException(2, 1))).isTrue();
		assertThat(TransientFailures
			.isTransient(new DataIntegrityViolationException("x", new SQLException("duplicate key", "23505"))))
			.isFalse();
		assertThat(TransientFailures.isTransient(new IllegalStateException())).isFalse();
	}

	@Test
	void failuresWithoutSqlStateAreNotTransient() {
		// HikariCP's "Connection is not available" has no SQLSTATE
		assertThat(TransientFailures
			.isTransient(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLTransientConnectionException("mixrec - Connection is not available, request timed out"))))
			.isFalse();
	}

	@Test
	void retriesTransientFailuresAndCountsThem() {
		AtomicInteger attempts = new AtomicInteger();

		String result = this.retries.retry(Source.BATCH, () -> {
			if (attempts.incrementAndGet() < 3) {
				throw deadlock();
			}
			return "done";
		});

		assertThat(result).isEqualTo("done");
		assertThat(this.meters.get("mixrec.ratings.retries").tag("source", "batch").counter().count()).isEqualTo(2);
	}

	@Test
	void givesUpAsUnavailableAfterTheConfiguredRetries() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(WriteConflictException.class)
			.isThrownBy(() -> retryFailingEveryTime(attempts, TransientFailuresTests::deadlock))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(DomainException.Kind.UNAVAILABLE);
				assertThat(ex.retryAfter()).hasSeconds(1);
				assertThat(ex).hasMessageContaining("6 times");
			});
		assertThat(attempts).hasValue(6);
		assertThat(this.meters.get("mixrec.ratings.retries").tag("source", "single").counter().count()).isEqualTo(5);
	}

	@Test
	void otherFailuresAreNotRetried() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> retryFailingEveryTime(attempts, () -> new IllegalStateException("bug")));
		assertThat(attempts).hasValue(1);
	}

	/** Retries, as a single write, a transaction that fails every time it runs. */
	private void retryFailingEveryTime(AtomicInteger attempts, Supplier<RuntimeException> failure) {
		this.retries.retry(Source.SINGLE, () -> {
			attempts.incrementAndGet();
			throw failure.get();
		});
	}

	private static RuntimeException deadlock() {
		return new CannotAcquireLockException("x", new SQLException("deadlock detected", "40P01"));
	}

}
