package io.mixrec.refit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The live state of the run this instance executes, shared between the fitting thread
 * (which writes it at every phase change and EM iteration), the progress writer (which
 * persists it and may ask the fit to stop) and readers of the run on this instance, who
 * see it without waiting for the next write.
 */
final class RefitProgress {

	private final long version;

	private final Instant startedAt = Instant.now();

	private final long startedNanos = System.nanoTime();

	private volatile String phase = "queued";

	private volatile String initialisation = "cold";

	private volatile String fitting = "";

	private double[] trace = new double[0];

	/** Bumped by every change, so the writer skips writes that would change nothing. */
	private volatile long changes;

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
		this.changes++;
	}

	String initialisation() {
		return this.initialisation;
	}

	void initialisation(String initialisation) {
		this.initialisation = initialisation;
		this.changes++;
	}

	synchronized void iteration(int iteration, double objective) {
		iteration(iteration, objective, this.fitting);
	}

	/**
	 * Records an E-step; the trace follows the fit that runs now and starts over with
	 * each new one (a restart, a candidate K, the next part of an ensemble).
	 * @param iteration 1-based E-step of the current fit
	 * @param objective its objective
	 * @param fitting what is being fitted, e.g. {@code users, restart 1}
	 */
	synchronized void iteration(int iteration, double objective, String fitting) {
		if (iteration == 1) {
			this.trace = new double[0];
			this.fitting = fitting;
		}
		else if (!fitting.equals(this.fitting)) {
			// Another fit running at the same time: its objectives are not this trace's.
			return;
		}
		this.trace = Arrays.copyOf(this.trace, this.trace.length + 1);
		this.trace[this.trace.length - 1] = objective;
		this.changes++;
	}

	synchronized double[] trace() {
		return this.trace.clone();
	}

	long changes() {
		return this.changes;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
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

	/**
	 * @return what a reader of this run sees now
	 */
	LiveRefit snapshot() {
		double[] objectives = trace();
		return new LiveRefit(this.version, this.phase, this.fitting, objectives.length, objectives, this.initialisation,
				elapsed().toMillis() / 1000.0);
	}

}
