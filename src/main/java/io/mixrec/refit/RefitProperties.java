package io.mixrec.refit;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How refits run.
 *
 * @param cron when the scheduled refit runs (Spring cron; {@code -} disables it); it is
 * skipped when no rating changed since the active model's data
 * @param clusters K of a refit unless a request overrides it
 * @param preset {@code default} (tuned) or {@code classic} (design.md 1.1)
 * @param restarts independent initialisations per refit
 * @param seed master seed of a refit unless a request overrides it
 * @param maxIterations upper bound on EM iterations; null keeps the preset's
 * @param threads fit threads; null uses every available processor
 * @param warmStart start from the active model's parameters (items matched by id)
 * @param holdoutFraction share of ratings held out for evaluation and the quality gate; 0
 * fits on everything and skips both
 * @param holdoutMax cap on held-out ratings
 * @param rankingUsers users ranked for the holdout NDCG@10 (ranking costs O(K x items)
 * per user)
 * @param gateTolerance a new model activates only if its holdout RMSE is at most the
 * active model's times (1 + this)
 * @param lease how long a runner may miss heartbeats before its run counts as dead and
 * another instance may start a refit
 * @param heartbeat how often a runner records progress and renews its lease
 */
@Validated
@ConfigurationProperties("mixrec.refit")
public record RefitProperties(@DefaultValue("0 0 * * * *") @NotBlank String cron,
		@DefaultValue("16") @Min(1) int clusters, @DefaultValue("default") @NotNull Preset preset,
		@DefaultValue("1") @Min(1) int restarts, @DefaultValue("42") long seed, @Nullable @Min(1) Integer maxIterations,
		@Nullable @Min(1) Integer threads, @DefaultValue("false") boolean warmStart,
		@DefaultValue("0.02") @DecimalMin("0") @DecimalMax("0.5") double holdoutFraction,
		@DefaultValue("200000") @Min(0) int holdoutMax, @DefaultValue("1000") @Min(1) int rankingUsers,
		@DefaultValue("0.02") @DecimalMin("0") double gateTolerance, @DefaultValue("60s") @NotNull Duration lease,
		@DefaultValue("5s") @NotNull Duration heartbeat) {

	/**
	 * @return fit threads to use
	 */
	public int fitThreads() {
		return (this.threads != null) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
