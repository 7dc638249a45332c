package io.mixrec.refit;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live trace of a refit follows one fit at a time: fits that run at once (an
 * ensemble's parts) must not interleave their objectives in it, and when the followed fit
 * ends, the trace goes on with one that still runs.
 */
class RefitProgressTests {

	private static final long MS = 1_000_000L;

	final AtomicLong now = new AtomicLong();

	final RefitProgress progress = new RefitProgress(1, this.now::get);

	@Test
	void theTraceGrowsWithEveryIterationOfTheFollowedFit() {
		report(1, -10.0, "users, restart 1");
		report(2, -8.0, "users, restart 1");
		report(3, -7.5, "users, restart 1");

		assertFollows("users, restart 1", -10.0, -8.0, -7.5);
	}

	@Test
	void iterationsOfAFitRunningAtTheSameTimeAreNotMixedIn() {
		usersAndAspectsInterleavedForTwoIterations();
		report(3, -7.5, "users, restart 1");

		assertThat(this.progress.trace()).containsExactly(-10.0, -8.0, -7.5);
	}

	@Test
	void whenTheFollowedFitEndsTheTraceGoesOnWithOneThatStillRuns() {
		usersAndAspectsInterleavedForTwoIterations();
		// users has ended: silent for more than three of its iterations
		this.now.addAndGet(100 * MS);
		report(3, -585_000.0, "aspects, restart 1");

		assertFollows("aspects, restart 1", -600_000.0, -590_000.0, -585_000.0);
	}

	@Test
	void aFitThatStartsOverStartsTheTraceOver() {
		report(1, -10.0, "a candidate K, restart 1");
		report(2, -9.0, "a candidate K, restart 1");

		report(1, -20.0, "a candidate K, restart 1");

		assertThat(this.progress.trace()).containsExactly(-20.0);
	}

	/** Two fits that run at once, as an ensemble's parts do; users reports first. */
	private void usersAndAspectsInterleavedForTwoIterations() {
		report(1, -10.0, "users, restart 1");
		report(1, -600_000.0, "aspects, restart 1");
		report(2, -8.0, "users, restart 1");
		report(2, -590_000.0, "aspects, restart 1");
	}

	private void assertFollows(String fitting, double... trace) {
		assertThat(this.progress.snapshot().fitting()).isEqualTo(fitting);
		assertThat(this.progress.trace()).containsExactly(trace);
	}

	private void report(int iteration, double objective, String fitting) {
		this.now.addAndGet(10 * MS);
		this.progress.iteration(iteration, objective, fitting);
	}

}
