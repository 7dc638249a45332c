package io.mixrec.refit;

import java.util.Locale;

import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleSelector;
import io.mixrec.em.EnsembleSetup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Overrides for one refit; every field is optional and falls back to
 * {@link RefitProperties}. They apply to this run only: scheduled refits always use the
 * configuration.
 *
 * @param clusters K, fixed for this run (otherwise as configured, by default chosen by
 * data)
 * @param restarts independent initialisations (the ensemble: at most this many per part)
 * @param preset {@code ensemble}, {@code mixture} or {@code classic}
 * @param seed master seed
 * @param warmStart start from the active model's parameters (mixture and classic only)
 * @param maxIterations upper bound on EM iterations (per restart and part)
 */
public record RefitRequest(@Nullable @Min(1) @Max(512) Integer clusters, @Nullable @Min(1) @Max(100) Integer restarts,
		@Nullable @Pattern(regexp = "(?i)ensemble|mixture|classic",
				message = "must be 'ensemble', 'mixture' or 'classic'") String preset,
		@Nullable Long seed, @Nullable Boolean warmStart, @Nullable @Min(1) @Max(100000) Integer maxIterations) {

	/** K values a single mixture chooses from when K is chosen by data. */
	static final int[] MIXTURE_CANDIDATES = { 8, 16, 32 };

	/**
	 * K of a single mixture when the configuration asks for auto but a number is needed.
	 */
	private static final int MIXTURE_DEFAULT_CLUSTERS = 16;

	/**
	 * @return a request that changes nothing
	 */
	public static RefitRequest defaults() {
		return new RefitRequest(null, null, null, null, null, null);
	}

	/**
	 * @return whether any option differs from the configuration for this run
	 */
	public boolean overridesConfiguration() {
		return this.clusters != null || this.restarts != null || this.preset != null || this.seed != null
				|| this.warmStart != null || this.maxIterations != null;
	}

	/**
	 * @param properties the configured defaults
	 * @return what this run fits
	 */
	FitRecipe recipe(RefitProperties properties) {
		Preset chosen = (this.preset != null) ? Preset.valueOf(this.preset.toUpperCase(Locale.ROOT))
				: properties.preset();
		Integer k = (this.clusters != null) ? this.clusters : properties.fixedClusters();
		Integer restarts = (this.restarts != null) ? this.restarts : properties.restarts();
		Integer iterations = (this.maxIterations != null) ? this.maxIterations : properties.maxIterations();
		long seed = (this.seed != null) ? this.seed : properties.seed();
		if (chosen == Preset.ENSEMBLE) {
			return ensemble(k, restarts, iterations, seed, properties.fitThreads());
		}
		EmOptions.Builder builder = chosen.mixtureOptions((k != null) ? k : MIXTURE_DEFAULT_CLUSTERS)
			.toBuilder()
			.restarts((restarts != null) ? restarts : 1)
			.seed(seed)
			.threads(properties.fitThreads());
		if (iterations != null) {
			builder.maxIterations(iterations);
		}
		return new FitRecipe.Mixture(chosen, builder.build(), (k != null) ? null : MIXTURE_CANDIDATES.clone());
	}

	private static FitRecipe.Ensemble ensemble(@Nullable Integer k, @Nullable Integer restarts,
			@Nullable Integer iterations, long seed, int threads) {
		EnsembleSetup setup = EnsembleSetup.of(k, restarts, iterations, seed, threads);
		return new FitRecipe.Ensemble(setup.options(), setup.grid(), EnsembleSelector.Validation.defaults());
	}

	/**
	 * @return whether to warm-start, given the configured default
	 */
	boolean warmStart(RefitProperties properties) {
		return (this.warmStart != null) ? this.warmStart : properties.warmStart();
	}

}
