package io.mixrec.em;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The engine agrees with the naive dense implementation, iteration by iteration, for
 * every option.
 */
class DenseOracleTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(25, 12, 0.3, 3, 5);

	private static final int ITERATIONS = 6;

	static Stream<Arguments> variants() {
		EmOptions classic = EmOptions.classic(3)
			.toBuilder()
			.initialization(Initialization.GIVEN)
			.relativeTolerance(0)
			.threads(1)
			.build();
		return Stream.of(Arguments.of("classic", classic),
				Arguments.of("defaults",
						EmOptions.defaults(3)
							.toBuilder()
							.initialization(Initialization.GIVEN)
							.relativeTolerance(0)
							.threads(1)
							.build()),
				Arguments.of("mean prior on raw ratings", classic.toBuilder().meanPrior(4).build()),
				Arguments.of("weight prior", classic.toBuilder().weightPrior(2.5).build()),
				Arguments.of("tempered ratings with priors",
						classic.toBuilder().ratingWeight(0.3).meanPrior(5).weightPrior(2).varianceFloor(0.05).build()),
				Arguments.of("presence", classic.toBuilder().presence(true).presenceSmoothing(0.5).build()), Arguments
					.of("low min weight", classic.toBuilder().meanUpdateMinWeight(0.2).varianceFloor(0.01).build()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void engineMatchesDenseOracle(String name, EmOptions options) {
		MixtureModel initial = initialModel(options);
		DenseOracle oracle = new DenseOracle(DATA, options, initial);
		double[] objectives = new double[ITERATIONS];
		for (int t = 0; t < ITERATIONS; t++) {
			oracle.iterate();
			objectives[t] = oracle.lastObjective;
		}
		// the engine stops before the M-step of its last E-step, the oracle does one more
		FitResult fit = new MixtureFitter(options.toBuilder().maxIterations(ITERATIONS).build()).fit(DATA, initial);
		assertThat(fit.iterations()).isEqualTo(ITERATIONS);
		for (int t = 0; t < ITERATIONS; t++) {
			assertThat(fit.objectiveTrace()[t]).as(name + " objective " + t)
				.isCloseTo(objectives[t], within(1e-9 * Math.abs(objectives[t])));
		}
		DenseOracle previous = new DenseOracle(DATA, options, initial);
		for (int t = 0; t < ITERATIONS - 1; t++) {
			previous.iterate();
		}
		MixtureModel model = fit.model();
		for (int j = 0; j < 3; j++) {
			assertThat(model.weight(j)).isCloseTo(previous.p[j], within(1e-10));
			assertThat(model.variance(j)).isCloseTo(previous.var[j], within(1e-9));
			for (int i = 0; i < DATA.items(); i++) {
				assertThat(model.mean(i, j)).as(name + " mean " + i + "," + j)
					.isCloseTo(previous.mu[j][i], within(1e-9));
				if (options.presence()) {
					assertThat(model.presence(i, j)).isCloseTo(previous.pi[j][i], within(1e-12));
				}
			}
		}
	}

	private static MixtureModel initialModel(EmOptions options) {
		int k = 3;
		int d = DATA.items();
		double[] means = new double[d * k];
		double[] presence = new double[options.presence() ? d * k : 0];
		double center = options.centering() ? 0 : 3;
		for (int i = 0; i < d; i++) {
			for (int j = 0; j < k; j++) {
				means[i * k + j] = center + Math.sin(1 + i * 7 + j * 3);
				if (options.presence()) {
					presence[i * k + j] = 1.0 / d;
				}
			}
		}
		return MixtureModel.of(Baseline.none(d), new double[] { 0.5, 0.3, 0.2 }, new double[] { 1.0, 1.5, 0.7 }, means,
				presence, options.presenceWeight(), 3.5);
	}

}
