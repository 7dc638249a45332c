package io.mixrec.refit;

import org.jspecify.annotations.Nullable;

/**
 * A gate that holds the refit lock: the version's row is {@code running} in phase
 * {@code gate} until the gate records its decision or puts the version back.
 */
final class GateClaim {

	private final long version;

	private final @Nullable Long base;

	private final Holdout holdout;

	private final @Nullable String watermark;

	private volatile @Nullable String stopReason;

	/**
	 * @param version the gated version
	 * @param base the version active when the gate started, which it compares against, or
	 * null
	 * @param holdout the holdout the version was fitted with
	 * @param watermark the snapshot the version's ratings were read in, or null
	 */
	GateClaim(long version, @Nullable Long base, Holdout holdout, @Nullable String watermark) {
		this.version = version;
		this.base = base;
		this.holdout = holdout;
		this.watermark = watermark;
	}

	long version() {
		return this.version;
	}

	@Nullable Long base() {
		return this.base;
	}

	Holdout holdout() {
		return this.holdout;
	}

	@Nullable String watermark() {
		return this.watermark;
	}

	/** Asks the gate to stop at its next check. */
	void stop(String reason) {
		this.stopReason = reason;
	}

	/**
	 * @return why the gate was asked to stop, or null
	 */
	@Nullable String stopReason() {
		return this.stopReason;
	}

	/**
	 * The holdout a version was fitted with, from its options.
	 *
	 * @param fraction share of ratings held out
	 * @param max about how many at most
	 * @param probability the probability that held a pair out
	 */
	record Holdout(double fraction, int max, double probability) {
	}

}
