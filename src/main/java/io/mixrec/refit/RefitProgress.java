package io.mixrec.refit;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The live state of the run this instance executes, shared between the fitting thread
 * (which writes it) and the heartbeat (which persists it and may ask the fit to stop).
 */
final class RefitProgress {

	private final long version;

	private volatile String phase = "queued";

	private double[] trace = new double[0];

	private final AtomicReference<@Nullable String> stopReason = new AtomicReference<>();

	RefitProgress(long version) {
		this.version = version;
	}

	long version() {
		return this.version;
	}

	String phase() {
		return this.phase;
	}

	void phase(String phase) {
		this.phase = phase;
	}

	synchronized void iteration(int iteration, double objective) {
		if (iteration == 1) {
			this.trace = new double[0];
		}
		this.trace = Arrays.copyOf(this.trace, this.trace.length + 1);
		this.trace[this.trace.length - 1] = objective;
	}

	synchronized double[] trace() {
		return this.trace.clone();
	}

	/**
	 * Asks the fit to stop at its next check.
	 * @param reason why; the first reason wins
	 */
	void stop(String reason) {
		this.stopReason.compareAndSet(null, reason);
	}

	boolean stopRequested() {
		return this.stopReason.get() != null;
	}

	@Nullable String stopReason() {
		return this.stopReason.get();
	}

}
