package io.mixrec.refit;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service treats versions that the refit on Apache Spark writes into its tables.
 *
 * @param autoGate whether the service gates such a version by itself: every
 * {@code poll-interval} it looks for the newest one without a gate decision, runs the
 * quality gate on it and activates it if it passes; when false, an admin gates it
 * ({@code POST /admin/models/{version}/gate}) or activates it
 * @param pollInterval how often each instance looks for a version to gate
 */
@Validated
@ConfigurationProperties("mixrec.refit.spark")
public record SparkGateProperties(@DefaultValue("true") boolean autoGate,
		@DefaultValue("30s") @NotNull Duration pollInterval) {

}
