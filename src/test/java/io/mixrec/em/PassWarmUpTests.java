package io.mixrec.em;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pass warm-up runs its fits on the caller's thread, and stops when told. */
class PassWarmUpTests {

	@Test
	void runsEveryWarmUpFit() {
		// a failing fit would end the warm-up early, silently
		assertThat(PassWarmUp.run(EmOptions.defaults(8), Kernels.scalar())).isEqualTo(3);
	}

	@Test
	void skipsFitsLargeEnoughToWarmThemselvesUp() {
		assertThat(PassWarmUp.run(EmOptions.defaults(PassWarmUp.MAX_CLUSTERS + 1), Kernels.scalar())).isZero();
	}

	@Test
	void stopsWhenItsThreadIsInterrupted() {
		Thread.currentThread().interrupt();
		try {
			assertThat(PassWarmUp.run(EmOptions.defaults(8), Kernels.scalar())).isZero();
		}
		finally {
			Thread.interrupted();
		}
	}

}
