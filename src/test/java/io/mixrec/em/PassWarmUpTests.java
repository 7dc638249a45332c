package io.mixrec.em;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pass warm-up runs its fits to the end in the background. */
class PassWarmUpTests {

	@Test
	void runsEveryWarmUpFitInTheBackground() throws InterruptedException {
		MixtureFitter.warmUp(EmOptions.defaults(8));
		long deadline = System.nanoTime() + KernelWarmUp.BUDGET_NANOS + 60_000_000_000L;
		while (!PassWarmUp.finished() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(PassWarmUp.finished()).isTrue();
		// a failing fit would end the warm-up early, silently
		assertThat(PassWarmUp.fitted()).isEqualTo(3);
	}

}
