package io.mixrec.refit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSelector;
import org.jspecify.annotations.Nullable;

/**
 * What one refit fits: a preset with its options, and whether K (and for the ensemble the
 * restarts and the variance scale) is chosen on a validation split of the training
 * ratings.
 */
sealed interface FitRecipe permits FitRecipe.Mixture, FitRecipe.Ensemble {

	Preset preset();

	/**
	 * @return K when fixed, 0 when chosen by data
	 */
	int clusters();

	long seed();

	int threads();

	/**
	 * @return the options as the version records them
	 */
	Map<String, Object> describe();

	/**
	 * A single mixture (presets mixture and classic).
	 *
	 * @param preset the preset
	 * @param options engine options; K is a starting value when {@code candidates} is set
	 * @param candidates K values to choose from on a validation split, or null for a
	 * fixed K
	 */
	record Mixture(Preset preset, EmOptions options, int @Nullable [] candidates) implements FitRecipe {

		@Override
		public int clusters() {
			return (this.candidates != null) ? 0 : this.options.clusters();
		}

		@Override
		public long seed() {
			return this.options.seed();
		}

		@Override
		public int threads() {
			return this.options.threads();
		}

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> all = new LinkedHashMap<>();
			all.put("preset", this.preset.code());
			all.put("clusters", (this.candidates != null) ? "auto" : this.options.clusters());
			if (this.candidates != null) {
				all.put("clusterCandidates", this.candidates);
			}
			all.put("engine", this.options);
			return all;
		}

	}

	/**
	 * The mixture ensemble.
	 *
	 * @param options the ensemble's options; K, restarts and variance scale are starting
	 * values when {@code grid} is set
	 * @param grid the candidates chosen from on a validation split, or null for fixed
	 * settings
	 * @param validation how the validation split is carved
	 */
	record Ensemble(EnsembleOptions options, EnsembleSelector.@Nullable Grid grid,
			EnsembleSelector.Validation validation) implements FitRecipe {

		@Override
		public Preset preset() {
			return Preset.ENSEMBLE;
		}

		@Override
		public int clusters() {
			return (this.grid != null) ? 0 : this.options.users().clusters();
		}

		@Override
		public long seed() {
			return this.options.seed();
		}

		@Override
		public int threads() {
			return this.options.threads();
		}

		@Override
		public Map<String, Object> describe() {
			Map<String, Object> all = new LinkedHashMap<>();
			all.put("preset", "ensemble");
			all.put("clusters", (this.grid != null) ? "auto" : this.options.users().clusters());
			if (this.grid != null) {
				all.put("grid", this.grid);
				all.put("validation", this.validation);
			}
			all.put("engine", this.options);
			return all;
		}

	}

}
