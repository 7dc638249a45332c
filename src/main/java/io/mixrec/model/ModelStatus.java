package io.mixrec.model;

import java.util.Locale;

/** Where a refit run and its model stand. */
public enum ModelStatus {

	/**
	 * The refit is in progress, or the quality gate of a stored version runs (phase
	 * {@code gate}); at most one across all instances.
	 */
	RUNNING,

	/** Fitted and stored, but not serving (e.g. the active version changed meanwhile). */
	SUCCEEDED,

	/** The fit threw, or its runner died (heartbeat lost). */
	FAILED,

	/** Cancelled on request. */
	CANCELLED,

	/** Fitted and stored, but its holdout RMSE failed the quality gate. */
	REJECTED,

	/** The serving model. */
	ACTIVE,

	/** Served once, replaced since. */
	RETIRED;

	/**
	 * @return the value stored in the database
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @return the status stored as {@code code}
	 */
	public static ModelStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	/**
	 * @return whether the version has stored parameters that could serve
	 */
	public boolean hasParameters() {
		return this == SUCCEEDED || this == REJECTED || this == ACTIVE || this == RETIRED;
	}

}
