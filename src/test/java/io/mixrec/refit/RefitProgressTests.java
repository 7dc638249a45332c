package io.mixrec.refit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live trace of a refit follows one fit: fits that run at the same time (an
 * ensemble's parts and restarts) must not interleave their objectives in it.
 */
class RefitProgressTests {

	@Test
	void theTraceGrowsWithEveryIterationOfTheCurrentFit() {
		RefitProgress progress = new RefitProgress(1);

		progress.iteration(1, -10.0, "users, restart 1");
		progress.iteration(2, -8.0, "users, restart 1");
		progress.iteration(3, -7.5, "users, restart 1");

		assertThat(progress.trace()).containsExactly(-10.0, -8.0, -7.5);
		assertThat(progress.snapshot().fitting()).isEqualTo("users, restart 1");
	}

	@Test
	void iterationsOfAnotherFitRunningAtTheSameTimeAreNotMixedIn() {
		RefitProgress progress = new RefitProgress(1);

		progress.iteration(1, -10.0, "users, restart 1");
		progress.iteration(2, -600_000.0, "aspects, restart 1");
		progress.iteration(2, -8.0, "users, restart 1");

		assertThat(progress.trace()).containsExactly(-10.0, -8.0);
	}

	@Test
	void aNewFitStartsTheTraceOver() {
		RefitProgress progress = new RefitProgress(1);
		progress.iteration(1, -10.0, "a candidate K, restart 1");
		progress.iteration(2, -9.0, "a candidate K, restart 1");

		progress.iteration(1, -20.0, "a candidate K, restart 2");

		assertThat(progress.trace()).containsExactly(-20.0);
		assertThat(progress.snapshot().fitting()).isEqualTo("a candidate K, restart 2");
	}

}
