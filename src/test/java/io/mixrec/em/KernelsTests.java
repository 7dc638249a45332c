package io.mixrec.em;

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
		assertThat(Kernels.VECTOR).as("tests run with --add-modules jdk.incubator.vector").isTrue();
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
	 * Serving folds users in through the same gated kernels as the fit: a posterior is
	 * the same bits whether the SIMD kernels have been switched on yet or not (K = 37:
	 * whole vectors and a remainder; the default preset's presence model takes the column
	 * sums).
	 */
	@Test
	void foldInGivesTheSameBitsOnTheScalarAndTheSimdKernels() throws InterruptedException {
		awaitWarmUp();
		RatingMatrix data = RandomRatings.matrix(60, 40, 0.3, 3, 5);
		MixtureModel model = new MixtureFitter(EmOptions.defaults(37).toBuilder().threads(1).maxIterations(5).build())
			.fit(data)
			.model();
		boolean distances = KernelWarmUp.distances;
		boolean columns = KernelWarmUp.columns;
		try {
			for (int u = 0; u < data.users(); u++) {
				KernelWarmUp.distances = false;
				KernelWarmUp.columns = false;
				UserPosterior scalar = model.foldIn(data, u);
				KernelWarmUp.distances = true;
				KernelWarmUp.columns = true;
				UserPosterior simd = model.foldIn(data, u);
				assertThat(simd.probabilities()).containsExactly(scalar.probabilities());
				assertThat(simd.logLikelihood()).isEqualTo(scalar.logLikelihood());
			}
		}
		finally {
			KernelWarmUp.distances = distances;
			KernelWarmUp.columns = columns;
		}
	}

	/**
	 * The warm-up thread decides every kernel and ends within its budget; until it has
	 * decided a kernel, that kernel runs scalar (same bits, checked above).
	 */
	@Test
	void theWarmUpDecidesEveryKernelWithinItsBudget() throws InterruptedException {
		awaitWarmUp();
		assertThat(KernelWarmUp.finished()).isTrue();
	}

	private static void awaitWarmUp() throws InterruptedException {
		KernelWarmUp.start();
		long deadline = System.nanoTime() + KernelWarmUp.BUDGET_NANOS + 10_000_000_000L;
		while (!KernelWarmUp.finished() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

}
