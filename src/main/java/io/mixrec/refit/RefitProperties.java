package io.mixrec.refit;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How refits run.
 *
 * @param cron when the scheduled refit runs (Spring cron; {@code -} disables it); it is
 * skipped when no rating changed since the active model's data
 * @param clusters {@code auto} (the default) chooses K on a validation split of the
 * training ratings: for the ensemble every part's K, its restarts and the variance scale,
 * for the single-mixture presets K from 8, 16 and 32; a number fixes K (the ensemble's
 * user mixture; its other parts keep their default K and restarts)
 * @param preset {@code ensemble} (the default, design.md 1.4), {@code mixture} (one tuned
 * mixture, the default before the ensemble) or {@code classic} (design.md 1.1)
 * @param restarts independent initialisations per refit; unset: chosen by data for the
 * ensemble (at most 2, 2 and 4 for its three parts), 1 for the other presets; set: the
 * ensemble uses at most this many per part
 * @param seed master seed of a refit unless a request overrides it
 * @param maxIterations upper bound on EM iterations; null keeps the preset's
 * @param threads fit threads; null uses every available processor
 * @param warmStart start from the active model's parameters (items matched by id)
 * @param holdoutFraction share of ratings held out for evaluation and the quality gate; 0
 * fits on everything and skips both
 * @param holdoutMax cap on held-out ratings
 * @param rankingUsers users ranked for the holdout NDCG@10 (ranking costs O(K x items)
 * per user)
 * @param gateTolerance a new model activates only if, on its holdout, its RMSE is at most
 * the active model's times (1 + this) and its NDCG@10 at least the active model's times
 * (1 - this); it must also beat the damped-bias baseline's RMSE and most-popular's
 * NDCG@10 there
 * @param gateEnabled whether the gate may reject: when false its figures and decision are
 * still recorded, but every fitted model activates
 * @param lease how long a runner may miss heartbeats before its run counts as dead and
 * another instance may start a refit
 * @param heartbeat how often a runner renews its lease (and records progress, if nothing
 * else did meanwhile)
 * @param progressInterval how often a runner writes changed progress (phase, iterations,
 * objectives) to its row, for other instances; the instance that runs the refit answers
 * from memory at once
 */
@Validated
@ConfigurationProperties("mixrec.refit")
public record RefitProperties(@DefaultValue("0 0 * * * *") @NotBlank String cron,
		@DefaultValue("auto") @NotNull @Pattern(regexp = "auto|[1-9][0-9]{0,2}",
				message = "must be 'auto' or a number of clusters from 1 to 999") String clusters,
		@DefaultValue("ensemble") @NotNull Preset preset, @Nullable @Min(1) Integer restarts,
		@DefaultValue("42") long seed, @Nullable @Min(1) Integer maxIterations, @Nullable @Min(1) Integer threads,
		@DefaultValue("false") boolean warmStart,
		@DefaultValue("0.02") @DecimalMin("0") @DecimalMax("0.5") double holdoutFraction,
		@DefaultValue("200000") @Min(0) int holdoutMax, @DefaultValue("1000") @Min(1) int rankingUsers,
		@DefaultValue("0.02") @DecimalMin("0") double gateTolerance, @DefaultValue("true") boolean gateEnabled,
		@DefaultValue("60s") @NotNull Duration lease, @DefaultValue("5s") @NotNull Duration heartbeat,
		@DefaultValue("500ms") @NotNull Duration progressInterval) {

	/**
	 * @return the configured K, or null when it is chosen by data
	 */
	@Nullable Integer fixedClusters() {
		return this.clusters.equals("auto") ? null : Integer.valueOf(this.clusters);
	}

	/**
	 * @return fit threads to use
	 */
	public int fitThreads() {
		return (this.threads != null) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
