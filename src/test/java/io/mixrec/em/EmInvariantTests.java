package io.mixrec.em;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Properties every fit must have, for the presets and for each option alone.
 */
class EmInvariantTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(300, 60, 0.15, 4, 42);

	static Stream<Arguments> variants() {
		EmOptions classic = EmOptions.classic(5).toBuilder().maxIterations(60).threads(1).seed(7).build();
		EmOptions defaults = EmOptions.defaults(5).toBuilder().maxIterations(60).threads(1).seed(7).build();
		return Stream.of(Arguments.of("classic", classic), Arguments.of("defaults", defaults),
				Arguments.of("centering",
						classic.toBuilder()
							.centering(true)
							.userBiasDamping(10)
							.itemBiasDamping(25)
							.biasSweeps(10)
							.varianceFloor(0.05)
							.build()),
				Arguments.of("mean prior", classic.toBuilder().meanPrior(20).build()),
				Arguments.of("weight prior", classic.toBuilder().weightPrior(3).build()),
				Arguments.of("presence", classic.toBuilder().presence(true).presenceSmoothing(0.1).build()),
				Arguments.of("tempered presence",
						classic.toBuilder().presence(true).presenceSmoothing(0.1).presenceWeight(0.3).build()),
				Arguments.of("tempered ratings (ensemble user mixture)",
						EnsembleOptions.defaults().users().engineOptions(1, 7).toBuilder().clusters(5).build()),
				Arguments.of("k-means++", defaults.toBuilder().initialization(Initialization.KMEANS_PLUS_PLUS).build()),
				Arguments.of("all priors",
						defaults.toBuilder().weightPrior(2).meanPrior(5).varianceFloor(0.01).build()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void objectiveNeverDecreases(String name, EmOptions options) {
		FitResult fit = new MixtureFitter(options.toBuilder().relativeTolerance(0).maxIterations(40).build()).fit(DATA);
		double[] trace = fit.objectiveTrace();
		// with tolerance 0 a run stops only once rounding noise makes a step non-positive
		assertThat(trace.length).isGreaterThan(10);
		for (int t = 1; t < trace.length; t++) {
			assertThat(trace[t]).as(name + " objective at iteration " + (t + 1))
				.isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void posteriorsSumToOne(String name, EmOptions options) {
		MixtureModel model = new MixtureFitter(options).fit(DATA).model();
		for (int u = 0; u < DATA.users(); u++) {
			double sum = 0;
			for (double p : model.foldIn(DATA, u).probabilities()) {
				assertThat(p).isBetween(0.0, 1.0);
				sum += p;
			}
			assertThat(sum).as(name + " user " + u).isCloseTo(1.0, within(1e-12));
		}
		double weights = 0;
		for (double w : model.weights()) {
			weights += w;
		}
		assertThat(weights).isCloseTo(1.0, within(1e-12));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void oneThreadAndManyThreadsGiveIdenticalResults(String name, EmOptions options) {
		FitResult one = new MixtureFitter(options.toBuilder().threads(1).build()).blockUsers(16).fit(DATA);
		FitResult many = new MixtureFitter(options.toBuilder().threads(3).build()).blockUsers(16).fit(DATA);
		assertThat(many.objectiveTrace()).isEqualTo(one.objectiveTrace());
		assertThat(many.model().means()).isEqualTo(one.model().means());
		assertThat(many.model().variances()).isEqualTo(one.model().variances());
		assertThat(many.model().weights()).isEqualTo(one.model().weights());
		assertThat(many.model().presence()).isEqualTo(one.model().presence());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void blockingTheItemSweepChangesNoBit(String name, EmOptions options) {
		FitResult whole = new MixtureFitter(options.toBuilder().threads(2).build()).sweepUsers(Integer.MAX_VALUE)
			.fit(DATA);
		FitResult blocked = new MixtureFitter(options.toBuilder().threads(2).build()).sweepUsers(5).fit(DATA);
		assertThat(blocked.objectiveTrace()).isEqualTo(whole.objectiveTrace());
		assertThat(blocked.model().means()).isEqualTo(whole.model().means());
		assertThat(blocked.model().variances()).isEqualTo(whole.model().variances());
		assertThat(blocked.model().presence()).isEqualTo(whole.model().presence());
	}

	@Test
	void sameSeedGivesSameFitAndOtherSeedsDiffer() {
		EmOptions options = EmOptions.defaults(4).toBuilder().threads(2).seed(11).build();
		FitResult first = new MixtureFitter(options).fit(DATA);
		FitResult again = new MixtureFitter(options).fit(DATA);
		FitResult other = new MixtureFitter(options.toBuilder().seed(12).build()).fit(DATA);
		assertThat(again.objectiveTrace()).isEqualTo(first.objectiveTrace());
		assertThat(again.model().means()).isEqualTo(first.model().means());
		assertThat(other.objectiveTrace()).isNotEqualTo(first.objectiveTrace());
	}

	@Test
	void restartsKeepTheBestObjective() {
		EmOptions options = EmOptions.classic(6).toBuilder().threads(1).restarts(4).seed(3).build();
		FitResult fit = new MixtureFitter(options).fit(DATA);
		assertThat(fit.restartObjectives()).hasSize(4);
		double best = Stream.of(fit.restartObjectives()).flatMapToDouble(java.util.Arrays::stream).max().orElseThrow();
		assertThat(fit.objective()).isEqualTo(best);
		assertThat(fit.restartObjectives()[fit.restart()]).isEqualTo(best);
		assertThat(fit.totalIterations()).isGreaterThanOrEqualTo(fit.iterations());
	}

	@Test
	void listenerSeesEveryIterationInOrder() {
		List<double[]> seen = new ArrayList<>();
		FitResult fit = new MixtureFitter(EmOptions.classic(3).toBuilder().threads(2).build())
			.listener((restart, iteration, objective, elapsed) -> seen.add(new double[] { iteration, objective }))
			.fit(DATA);
		assertThat(seen).hasSize(fit.iterations());
		for (int t = 0; t < seen.size(); t++) {
			assertThat(seen.get(t)[0]).isEqualTo(t + 1);
			assertThat(seen.get(t)[1]).isEqualTo(fit.objectiveTrace()[t]);
		}
	}

}
