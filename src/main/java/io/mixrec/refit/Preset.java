package io.mixrec.refit;

import io.mixrec.em.EmOptions;

/** The engine presets a refit can start from. */
public enum Preset {

	/** EM on damped-bias residuals with mean prior and presence model (the tuned one). */
	DEFAULT,

	/** The textbook method of design.md 1.1. */
	CLASSIC;

	/**
	 * @param clusters K
	 * @return the preset's options
	 */
	public EmOptions options(int clusters) {
		return (this == CLASSIC) ? EmOptions.classic(clusters) : EmOptions.defaults(clusters);
	}

}
