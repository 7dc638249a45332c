package io.mixrec.refit;

import io.mixrec.em.EmOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Overrides for one refit; every field is optional and falls back to
 * {@link RefitProperties}.
 *
 * @param clusters K
 * @param restarts independent initialisations
 * @param preset {@code default} or {@code classic}
 * @param seed master seed
 * @param warmStart start from the active model's parameters
 * @param maxIterations upper bound on EM iterations
 */
public record RefitRequest(@Nullable @Min(1) @Max(512) Integer clusters, @Nullable @Min(1) @Max(100) Integer restarts,
		@Nullable @Pattern(regexp = "(?i)default|classic", message = "must be 'default' or 'classic'") String preset,
		@Nullable Long seed, @Nullable Boolean warmStart, @Nullable @Min(1) @Max(100000) Integer maxIterations) {

	/**
	 * @return a request that changes nothing
	 */
	public static RefitRequest defaults() {
		return new RefitRequest(null, null, null, null, null, null);
	}

	/**
	 * @param properties the configured defaults
	 * @return the engine options of this request
	 */
	EmOptions options(RefitProperties properties) {
		Preset chosen = (this.preset != null) ? Preset.valueOf(this.preset.toUpperCase(java.util.Locale.ROOT))
				: properties.preset();
		int k = (this.clusters != null) ? this.clusters : properties.clusters();
		EmOptions.Builder builder = chosen.options(k)
			.toBuilder()
			.restarts((this.restarts != null) ? this.restarts : properties.restarts())
			.seed((this.seed != null) ? this.seed : properties.seed())
			.threads(properties.fitThreads());
		Integer iterations = (this.maxIterations != null) ? this.maxIterations : properties.maxIterations();
		if (iterations != null) {
			builder.maxIterations(iterations);
		}
		return builder.build();
	}

	/**
	 * @return whether to warm-start, given the configured default
	 */
	boolean warmStart(RefitProperties properties) {
		return (this.warmStart != null) ? this.warmStart : properties.warmStart();
	}

}
