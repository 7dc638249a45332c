package io.mixrec.refit;

import org.jspecify.annotations.Nullable;

/**
 * What one refit run does.
 *
 * @param version the run's row in model_versions
 * @param baseVersion the active version when it started: publish is a compare-and-set
 * against it
 * @param warmStartVersion the version whose parameters start the fit, or null
 * @param recipe the preset, its options, and whether K is chosen by data
 * @param holdoutFraction share of ratings held out
 * @param holdoutMax cap on held-out ratings
 */
record RefitPlan(long version, @Nullable Long baseVersion, @Nullable Long warmStartVersion, FitRecipe recipe,
		double holdoutFraction, int holdoutMax) {

}
