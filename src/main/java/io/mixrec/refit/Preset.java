package io.mixrec.refit;

import java.util.Locale;

import io.mixrec.em.EmOptions;

/** The model presets a refit can fit. */
public enum Preset {

	/**
	 * The mixture ensemble (design.md 1.4): damped biases, a user mixture, an item
	 * mixture and an aspect model; the default.
	 */
	ENSEMBLE,

	/**
	 * One mixture on damped-bias residuals with mean prior and presence model: the
	 * default until the ensemble.
	 */
	MIXTURE,

	/** The textbook method of design.md 1.1. */
	CLASSIC;

	/**
	 * @param clusters K
	 * @return the engine options of a single-mixture preset
	 * @throws IllegalStateException for the ensemble
	 */
	EmOptions mixtureOptions(int clusters) {
		return switch (this) {
			case CLASSIC -> EmOptions.classic(clusters);
			case MIXTURE -> EmOptions.defaults(clusters);
			case ENSEMBLE -> throw new IllegalStateException("the ensemble has no single-mixture options");
		};
	}

	/**
	 * @return the name as configuration and the API write it
	 */
	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
