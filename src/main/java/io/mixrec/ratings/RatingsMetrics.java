package io.mixrec.ratings;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The ingestion metrics, all with low-cardinality tags (never ids):
 * <ul>
 * <li>{@code mixrec.ratings.written} (counter; {@code outcome} = inserted, updated,
 * unchanged, deleted; {@code source} = single, batch, import, user-deletion): ratings
 * written, counted after commit;</li>
 * <li>{@code mixrec.ratings.import.rows} (counter; {@code result} = accepted, skipped,
 * rejected): CSV data lines read by imports;</li>
 * <li>{@code mixrec.ratings.import} (timer; {@code result} = success, rejected, failed):
 * import durations;</li>
 * <li>{@code mixrec.ratings.retries} (counter; {@code source}): writes retried after a
 * deadlock or serialization failure.</li>
 * </ul>
 * Latency per endpoint is Spring Boot's {@code http.server.requests}.
 */
@Component
class RatingsMetrics {

	private final Map<Source, Map<WriteEffect, Counter>> written = new EnumMap<>(Source.class);

	private final Map<Source, Counter> retries = new EnumMap<>(Source.class);

	private final MeterRegistry registry;

	RatingsMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (Source source : Source.values()) {
			Map<WriteEffect, Counter> bySource = new EnumMap<>(WriteEffect.class);
			for (WriteEffect outcome : WriteEffect.values()) {
				bySource.put(outcome,
						Counter.builder("mixrec.ratings.written")
							.description("Ratings written, by outcome and by the way they came in")
							.tag("outcome", outcome.tag())
							.tag("source", source.tag())
							.register(registry));
			}
			this.written.put(source, bySource);
			this.retries.put(source,
					Counter.builder("mixrec.ratings.retries")
						.description("Writes retried after losing a deadlock or serialization conflict")
						.tag("source", source.tag())
						.register(registry));
		}
	}

	void written(Source source, WriteCounts counts) {
		written(source, WriteEffect.INSERTED, counts.inserted());
		written(source, WriteEffect.UPDATED, counts.updated());
		written(source, WriteEffect.UNCHANGED, counts.unchanged());
	}

	void written(Source source, WriteEffect outcome, long count) {
		if (count > 0) {
			counter(counter(this.written, source), outcome).increment(count);
		}
	}

	void retried(Source source) {
		counter(this.retries, source).increment();
	}

	/** The maps hold an entry for every constant, filled in the constructor. */
	private static <K, V> V counter(Map<K, V> counters, K key) {
		return Objects.requireNonNull(counters.get(key));
	}

	void importRows(String result, long count) {
		if (count > 0) {
			Counter.builder("mixrec.ratings.import.rows")
				.description("CSV data lines read by imports")
				.tag("result", result)
				.register(this.registry)
				.increment(count);
		}
	}

	void importDuration(String result, Duration duration) {
		Timer.builder("mixrec.ratings.import")
			.description("Duration of CSV imports")
			.tag("result", result)
			.register(this.registry)
			.record(duration);
	}

}
