package io.mixrec.model;

import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Gauges of the model this instance serves: {@code mixrec.model.active.*} (version, age,
 * K, objective, BIC, holdout RMSE and NDCG@10) and
 * {@code mixrec.model.weight.change.max}, the largest change of a cluster weight from the
 * previously served model. Cluster labels are arbitrary between fits, so weights are
 * compared in sorted order. NaN while nothing serves.
 */
@Component
class ModelMetrics {

	ModelMetrics(MeterRegistry registry, ActiveModels models) {
		gauge(registry, models, "mixrec.model.active.version", "Version of the serving model", ModelSnapshot::version);
		gauge(registry, models, "mixrec.model.active.age", "Seconds since the serving model became active",
				(s) -> Duration.between(s.activatedAt(), Instant.now()).toMillis() / 1000.0);
		gauge(registry, models, "mixrec.model.active.clusters", "K of the serving model", (s) -> s.model().clusters());
		gauge(registry, models, "mixrec.model.active.objective", "Final objective of the serving model",
				(s) -> orNaN(s.objective()));
		gauge(registry, models, "mixrec.model.active.bic", "BIC of the serving model", (s) -> orNaN(s.bic()));
		gauge(registry, models, "mixrec.model.active.holdout.rmse", "Holdout RMSE of the serving model",
				(s) -> orNaN(s.holdoutRmse()));
		gauge(registry, models, "mixrec.model.active.holdout.ndcg", "Holdout NDCG@10 of the serving model",
				(s) -> orNaN(s.holdoutNdcg()));
		Gauge.builder("mixrec.model.weight.change.max", models, ActiveModels::maxWeightChange)
			.description("Largest change of a cluster weight since the previously served model")
			.register(registry);
	}

	private static void gauge(MeterRegistry registry, ActiveModels models, String name, String description,
			ToDoubleFunction<ModelSnapshot> value) {
		Gauge.builder(name, models, (m) -> m.current().map(value::applyAsDouble).orElse(Double.NaN))
			.description(description)
			.register(registry);
	}

	private static double orNaN(@Nullable Double value) {
		return (value != null) ? value : Double.NaN;
	}

}
