package io.mixrec.refit;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mixrec.model.ModelStatus;

import org.springframework.stereotype.Component;

/**
 * Refit meters: {@code mixrec.refit.phase} (timer per phase), {@code mixrec.refit.runs}
 * (by outcome) and {@code mixrec.refit.skipped} (scheduled runs skipped, by reason).
 */
@Component
class RefitMetrics {

	private final MeterRegistry registry;

	RefitMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void phase(String phase, long nanos) {
		Timer.builder("mixrec.refit.phase")
			.description("Duration of each refit phase")
			.tag("phase", phase)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	void outcome(ModelStatus status) {
		Counter.builder("mixrec.refit.runs")
			.description("Finished refit runs by outcome")
			.tag("outcome", status.code())
			.register(this.registry)
			.increment();
	}

	void skipped(String reason) {
		Counter.builder("mixrec.refit.skipped")
			.description("Scheduled refits skipped")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
