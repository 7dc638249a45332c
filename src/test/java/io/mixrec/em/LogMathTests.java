package io.mixrec.em;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class LogMathTests {

	@Test
	void normalizeLogDoesNotOverflowOrUnderflow() {
		assertThat(LogMath.normalizeLog(new double[] { 1000, 1000 }, 2)).isCloseTo(1000 + Math.log(2), within(1e-12));
		assertThat(LogMath.normalizeLog(new double[] { -5000, -5001 }, 2)).isCloseTo(-5000 + Math.log(1 + Math.exp(-1)),
				within(1e-9));
		assertThat(LogMath.normalizeLog(new double[] { Double.NEGATIVE_INFINITY, 0 }, 2)).isEqualTo(0);
	}

	@Test
	void normalizeLogGivesPosteriorsAndTheNormaliser() {
		double[] f = { -10000, -10000 + Math.log(3), Double.NEGATIVE_INFINITY, -20000 };
		double expected = logSumExp(f.clone(), 4);
		double normaliser = LogMath.normalizeLog(f, 4);
		assertThat(normaliser).isCloseTo(expected, within(1e-9));
		assertThat(f[0]).isCloseTo(0.25, within(1e-12));
		assertThat(f[1]).isCloseTo(0.75, within(1e-12));
		assertThat(f[2]).isZero();
		assertThat(f[3]).isZero();
	}

	@Test
	void normalizeLogRejectsAllImpossible() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogMath.normalizeLog(new double[] { Double.NEGATIVE_INFINITY }, 1));
	}

	@Test
	void normalUpperTailMatchesKnownValues() {
		assertThat(LogMath.normalUpperTail(0)).isCloseTo(0.5, within(1e-7));
		assertThat(LogMath.normalUpperTail(1.959963985)).isCloseTo(0.025, within(1e-7));
		assertThat(LogMath.normalUpperTail(-1)).isCloseTo(0.8413447461, within(1e-7));
		assertThat(LogMath.normalUpperTail(8)).isBetween(0.0, 1e-14);
	}

	/**
	 * The oracle: {@code log sum_j exp(a_j)} the textbook way, {@code m + log sum_j
	 * exp(a_j - m)} with {@code m = max_j a_j}.
	 */
	private static double logSumExp(double[] a, int n) {
		double max = Double.NEGATIVE_INFINITY;
		for (int j = 0; j < n; j++) {
			max = Math.max(max, a[j]);
		}
		double sum = 0;
		for (int j = 0; j < n; j++) {
			sum += Math.exp(a[j] - max);
		}
		return max + Math.log(sum);
	}

}
