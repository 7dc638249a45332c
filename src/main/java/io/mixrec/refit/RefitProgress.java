package io.mixrec.refit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

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

	private final Map<String, FitTrace> fits = new HashMap<>();

	/** Bumped by every change, so the writer skips writes that would change nothing. */
	private volatile long changes;

	private final AtomicReference<@Nullable String> stopReason = new AtomicReference<>();

	private final LongSupplier clock;

	RefitProgress(long version) {
		this(version, System::nanoTime);
	}

	RefitProgress(long version, LongSupplier clock) {
		this.version = version;
		this.clock = clock;
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
	 * Records an E-step. Fits may run at once (an ensemble's parts): each keeps its own
	 * trace, and the live trace is the one of the fit being followed. The followed fit
	 * stays followed while it goes on; once it has been silent for three of its own
	 * iterations (it ended) and another fit reports, that one is followed, with its trace
	 * so far. A fit that starts over (iteration 1, e.g. the next candidate K under the
	 * same name) starts its trace over.
	 * @param iteration 1-based E-step of the fit
	 * @param objective its objective
	 * @param fitting what is being fitted, e.g. {@code users, restart 1}
	 */
	synchronized void iteration(int iteration, double objective, String fitting) {
		long now = this.clock.getAsLong();
		FitTrace fit = this.fits.get(fitting);
		if (fit == null || iteration == 1) {
			fit = new FitTrace(now);
			this.fits.put(fitting, fit);
		}
		fit.add(objective, now);
		FitTrace followed = this.fits.get(this.fitting);
		if (followed == null || fit == followed || followed.endedBy(now)) {
			this.fitting = fitting;
			this.trace = fit.objectives();
			this.changes++;
		}
	}

	synchronized double[] trace() {
		return this.trace.clone();
	}

	/** The objectives of one fit, and when they came. */
	private static final class FitTrace {

		/**
		 * How long a fit that has reported only once may be silent before it counts as
		 * ended.
		 */
		private static final long FIRST_ITERATION_NANOS = 1_000_000_000L;

		private final long startedNanos;

		private double[] objectives = new double[0];

		private long lastNanos;

		FitTrace(long startedNanos) {
			this.startedNanos = startedNanos;
			this.lastNanos = startedNanos;
		}

		void add(double objective, long now) {
			this.objectives = Arrays.copyOf(this.objectives, this.objectives.length + 1);
			this.objectives[this.objectives.length - 1] = objective;
			this.lastNanos = now;
		}

		double[] objectives() {
			return this.objectives;
		}

		boolean endedBy(long now) {
			int n = this.objectives.length;
			long interval = (n > 1) ? (this.lastNanos - this.startedNanos) / (n - 1) : FIRST_ITERATION_NANOS;
			return now - this.lastNanos > 3 * Math.max(interval, 1_000_000L);
		}

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
