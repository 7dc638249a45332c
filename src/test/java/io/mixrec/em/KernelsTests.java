package io.mixrec.em;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIMD and the scalar E-step and M-step sums agree bit for bit, for cluster counts
 * that do and do not fill whole vectors, so results never depend on which path a JVM
 * takes.
 */
class KernelsTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 3, 8, 13, 32, 37, 64 })
	void simdAndScalarSumsAreIdentical(int k) {
		assertThat(Kernels.detect().describe()).as("tests run with --add-modules jdk.incubator.vector")
			.startsWith("SIMD");
		SplittableRandom random = new SplittableRandom(k);
		int items = 50;
		double[] mu = new double[items * k];
		for (int q = 0; q < mu.length; q++) {
			mu[q] = random.nextGaussian() * 2;
		}
		int n = 300;
		int[] item = new int[n];
		float[] value = new float[n];
		for (int p = 0; p < n; p++) {
			item[p] = random.nextInt(items);
			value[p] = (float) (random.nextGaussian() * 1.5);
		}
		double[] simd = new double[k];
		double[] scalar = new double[k];
		VectorKernels.squaredDistances(mu, k, item, value, 7, 251, simd);
		ScalarKernels.squaredDistances(mu, k, 0, item, value, 7, 251, scalar);
		assertThat(simd).containsExactly(scalar);
		VectorKernels.columnSums(mu, k, item, 7, 251, simd);
		ScalarKernels.columnSums(mu, k, 0, item, 7, 251, scalar);
		assertThat(simd).containsExactly(scalar);
		// the M-step's sums: posterior rows indexed by user, written at an offset
		// the sums continue from what the table holds
		double[] simdStats = new double[2 * k + 5];
		Arrays.fill(simdStats, 0.5);
		double[] scalarStats = simdStats.clone();
		VectorKernels.weightedSums(mu, k, item, value, 7, 251, simdStats, 5);
		ScalarKernels.weightedSums(mu, k, 0, item, value, 7, 251, scalarStats, 5);
		assertThat(simdStats).containsExactly(scalarStats);
		double w0 = 0.5;
		double s0 = 0.5;
		for (int p = 7; p < 251; p++) {
			w0 += mu[item[p] * k];
			s0 += mu[item[p] * k] * value[p];
		}
		assertThat(scalarStats[5]).isEqualTo(w0);
		assertThat(scalarStats[5 + k]).isEqualTo(s0);
	}

	/**
	 * Serving folds users in with the service's kernels: a posterior is the same bits on
	 * the scalar and on the SIMD kernels (K = 37: whole vectors and a remainder; the
	 * default preset's presence model takes the column sums).
	 */
	@Test
	void foldInGivesTheSameBitsOnTheScalarAndTheSimdKernels() {
		RatingMatrix data = RandomRatings.matrix(60, 40, 0.3, 3, 5);
		MixtureModel model = new MixtureFitter(EmOptions.defaults(37).toBuilder().threads(1).maxIterations(5).build())
			.fit(data)
			.model();
		MixtureModel scalar = model.using(Kernels.scalar());
		MixtureModel simd = model.using(Kernels.simdNow());
		for (int u = 0; u < data.users(); u++) {
			UserPosterior onScalar = scalar.foldIn(data, u);
			UserPosterior onSimd = simd.foldIn(data, u);
			assertThat(onSimd.probabilities()).containsExactly(onScalar.probabilities());
			assertThat(onSimd.logLikelihood()).isEqualTo(onScalar.logLikelihood());
		}
	}

	/** A fit on the SIMD kernels is the fit on the scalar ones, to the last bit. */
	@Test
	void fitGivesTheSameBitsOnTheScalarAndTheSimdKernels() {
		RatingMatrix data = RandomRatings.matrix(80, 30, 0.3, 3, 7);
		EmOptions options = EmOptions.defaults(13).toBuilder().threads(2).maxIterations(8).build();
		FitResult scalar = new MixtureFitter(options).kernels(Kernels.scalar()).fit(data);
		FitResult simd = new MixtureFitter(options).kernels(Kernels.simdNow()).fit(data);
		assertThat(simd.objectiveTrace()).containsExactly(scalar.objectiveTrace());
		assertThat(simd.model().means()).containsExactly(scalar.model().means());
		assertThat(simd.clusterUsers()).containsExactly(scalar.clusterUsers());
	}

	/**
	 * The warm-up decides every kernel on the caller's thread within its budget, and
	 * switches only those the JIT has made fast; scalar kernels have nothing to decide.
	 */
	@Test
	void theWarmUpDecidesEveryKernelWithinItsBudget() {
		Kernels kernels = Kernels.detect();
		assertThat(kernels.decided()).isFalse();
		long started = System.nanoTime();
		kernels.warmUp(Duration.ofSeconds(5));
		assertThat(kernels.decided()).isTrue();
		assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(10).toNanos());
		Kernels scalar = Kernels.scalar();
		assertThat(scalar.decided()).isTrue();
		assertThat(scalar.describe()).startsWith("scalar");
	}

	/** A warm-up on an interrupted thread gives up at once, keeping the interrupt. */
	@Test
	void anInterruptedWarmUpStopsAndKeepsTheInterrupt() {
		Kernels kernels = Kernels.detect();
		Thread.currentThread().interrupt();
		try {
			kernels.warmUp(Duration.ofMinutes(5));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThat(kernels.decided()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	/** Nothing of a fit keeps running after it returns: its pool is closed and joined. */
	@Test
	void aFitLeavesNoThreadBehind() {
		RatingMatrix data = RandomRatings.matrix(300, 30, 0.3, 3, 9);
		new MixtureFitter(EmOptions.defaults(4).toBuilder().threads(3).maxIterations(3).build())
			.kernels(Kernels.detect())
			.fit(data);
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith("mixrec-em-"));
	}

}
