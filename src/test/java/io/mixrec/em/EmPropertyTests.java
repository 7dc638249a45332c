package io.mixrec.em;

import java.util.HashMap;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The engine's invariants on random inputs: any shape (empty rows and columns, more
 * clusters than users, single ratings), any option combination, any seed.
 */
class EmPropertyTests {

	@Property(tries = 60)
	void posteriorsAreDistributionsAndTheObjectiveNeverDecreases(@ForAll("problems") Problem problem) {
		FitResult fit = new MixtureFitter(problem.options().toBuilder().relativeTolerance(0).maxIterations(25).build())
			.fit(problem.matrix());
		double[] trace = fit.objectiveTrace();
		for (int t = 1; t < trace.length; t++) {
			// rounding noise only: relative to the objective, absolute near 0
			assertThat(trace[t]).isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.max(1, Math.abs(trace[t - 1])));
		}
		MixtureModel model = fit.model();
		assertThat(sum(model.weights())).isCloseTo(1, within(1e-9));
		for (double variance : model.variances()) {
			assertThat(variance).isGreaterThanOrEqualTo(problem.options().varianceFloor());
		}
		for (int u = 0; u < problem.matrix().users(); u++) {
			UserPosterior posterior = model.foldIn(problem.matrix(), u);
			assertThat(sum(posterior.probabilities())).isCloseTo(1, within(1e-9));
			for (double p : posterior.probabilities()) {
				assertThat(p).isBetween(0.0, 1.0);
			}
			for (int i = 0; i < model.items(); i++) {
				assertThat(model.predict(posterior, i)).isFinite();
				assertThat(model.predictiveStdDev(posterior, i)).isPositive();
			}
		}
	}

	@Property(tries = 40)
	void resultsDoNotDependOnTheThreadCount(@ForAll("problems") Problem problem,
			@ForAll @IntRange(min = 2, max = 4) int threads) {
		EmOptions options = problem.options().toBuilder().maxIterations(15).build();
		FitResult one = new MixtureFitter(options.toBuilder().threads(1).build()).blockUsers(3).fit(problem.matrix());
		FitResult many = new MixtureFitter(options.toBuilder().threads(threads).build()).blockUsers(3)
			.fit(problem.matrix());
		assertThat(many.objectiveTrace()).isEqualTo(one.objectiveTrace());
		assertThat(many.model().means()).isEqualTo(one.model().means());
		assertThat(many.model().variances()).isEqualTo(one.model().variances());
	}

	@Property(tries = 40)
	void shiftingEveryRatingShiftsTheMeansAndKeepsTheLikelihood(@ForAll("problems") Problem problem,
			@ForAll @IntRange(min = -3, max = 3) int shift) {
		RatingMatrix matrix = problem.matrix();
		RatingMatrix.Builder shifted = RatingMatrix.builder();
		for (int u = 0; u < matrix.users(); u++) {
			for (int p = matrix.start(u); p < matrix.end(u); p++) {
				shifted.add(u, matrix.item(p), matrix.value(p) + shift);
			}
		}
		EmOptions classic = EmOptions.classic(problem.options().clusters())
			.toBuilder()
			.initialization(Initialization.GIVEN)
			.maxIterations(10)
			.threads(1)
			.build();
		MixtureModel start = start(matrix.items(), classic.clusters(), 0);
		FitResult original = new MixtureFitter(classic).fit(matrix, start);
		FitResult moved = new MixtureFitter(classic).fit(shifted.build(matrix.users(), matrix.items()),
				start(matrix.items(), classic.clusters(), shift));
		assertThat(moved.iterations()).isEqualTo(original.iterations());
		assertThat(moved.objective()).isCloseTo(original.objective(),
				within(1e-7 * Math.abs(original.objective()) + 1e-9));
		for (int k = 0; k < original.model().means().length; k++) {
			assertThat(moved.model().means()[k]).isCloseTo(original.model().means()[k] + shift, within(1e-6));
		}
	}

	@Property(tries = 100)
	void theBuilderKeepsTheLastValueOfEveryCell(@ForAll("triples") int[][] triples) {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		Map<Long, Float> last = new HashMap<>();
		for (int[] t : triples) {
			builder.add(t[0], t[1], t[2]);
			last.put(((long) t[0] << 32) | t[1], (float) t[2]);
		}
		RatingMatrix matrix = builder.build(10, 10);
		assertThat(matrix.ratings()).isEqualTo(last.size());
		last.forEach(
				(key, value) -> assertThat(matrix.get((int) (key >>> 32), (int) (long) key)).isEqualTo((double) value));
	}

	@Provide
	Arbitrary<int[][]> triples() {
		Arbitrary<int[]> triple = Combinators
			.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9),
					Arbitraries.integers().between(1, 5))
			.as((u, i, v) -> new int[] { u, i, v });
		return triple.array(int[][].class).ofMaxSize(60);
	}

	@Provide
	Arbitrary<Problem> problems() {
		Arbitrary<RatingMatrix> matrices = Combinators
			.combine(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(1, 25),
					Arbitraries.doubles().between(0.02, 0.6), Arbitraries.longs())
			.as((users, items, density, seed) -> RandomRatings.matrix(users, items, density, 3, seed));
		Arbitrary<EmOptions> options = Combinators
			.combine(Arbitraries.integers().between(1, 8), Arbitraries.of(true, false), Arbitraries.of(true, false),
					Arbitraries.of(0.0, 5.0), Arbitraries.of(1.0, 2.0),
					Arbitraries.of(Initialization.RANDOM_POSTERIOR, Initialization.KMEANS_PLUS_PLUS),
					Arbitraries.longs())
			.as((k, centering, presence, lambda, alpha, init, seed) -> EmOptions.classic(k)
				.toBuilder()
				.centering(centering)
				.userBiasDamping(10)
				.itemBiasDamping(5)
				.biasSweeps(centering ? 5 : 1)
				.varianceFloor(centering ? 0.05 : 0.25)
				.presence(presence)
				.presenceSmoothing(0.1)
				.presenceWeight(0.3)
				.meanPrior(lambda)
				.weightPrior(alpha)
				.initialization(init)
				.threads(1)
				.seed(seed)
				.build());
		return Combinators.combine(matrices, options).as(Problem::new);
	}

	private static MixtureModel start(int items, int k, double shift) {
		double[] means = new double[items * k];
		double[] weights = new double[k];
		double[] variances = new double[k];
		for (int j = 0; j < k; j++) {
			weights[j] = 1.0 / k;
			variances[j] = 0.5 + 0.25 * j;
			for (int i = 0; i < items; i++) {
				means[i * k + j] = 3 + Math.sin(i * 3 + j * 7) + shift;
			}
		}
		return MixtureModel.of(Baseline.none(items), weights, variances, means, new double[0], 1, 3.5);
	}

	private static double sum(double[] values) {
		double total = 0;
		for (double v : values) {
			total += v;
		}
		return total;
	}

	record Problem(RatingMatrix matrix, EmOptions options) {

		@Override
		public String toString() {
			return this.matrix.users() + "x" + this.matrix.items() + " with " + this.matrix.ratings() + " ratings, "
					+ this.options;
		}

	}

}
