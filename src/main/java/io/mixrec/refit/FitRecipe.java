package io.mixrec.refit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSelector;
import io.mixrec.em.FitOptions;
import org.jspecify.annotations.Nullable;

/**
 * What one refit fits: a preset with its options, and whether K (and for the ensemble the
 * restarts and the variance scale) is chosen on a validation split of the training
 * ratings.
 */
sealed interface FitRecipe permits FitRecipe.Mixture, FitRecipe.Ensemble {

	Preset preset();

	/**
	 * @return the engine's options; settings chosen by data start from them
	 */
	FitOptions options();

	/**
	 * @return K when fixed, 0 when chosen by data
	 */
	int clusters();

	/**
	 * @return what is chosen by data and how, as the version records it; empty when every
	 * setting is fixed
	 */
	Map<String, Object> choices();

	default long seed() {
		return options().seed();
	}

	default int threads() {
		return options().threads();
	}

	/**
	 * @return the options as the version records them
	 */
	default Map<String, Object> describe() {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("preset", preset().code());
		all.put("clusters", (clusters() == 0) ? "auto" : clusters());
		all.putAll(choices());
		all.put("engine", options());
		return all;
	}

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
		public Map<String, Object> choices() {
			return (this.candidates != null) ? Map.of("clusterCandidates", this.candidates) : Map.of();
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
		public Map<String, Object> choices() {
			Map<String, Object> choices = new LinkedHashMap<>();
			if (this.grid != null) {
				choices.put("grid", this.grid);
				choices.put("validation", this.validation);
			}
			return choices;
		}

	}

}
