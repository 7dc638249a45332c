package io.mixrec.em;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic preset against the golden vectors: every field to 1e-6 relative.
 */
class ClassicEmVectorTests {

	private static final double RELATIVE = 1e-6;

	static Stream<EmTestVector> vectors() {
		return Stream.of(EmTestVector.NAMES).map(EmTestVector::load);
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void firstEStepMatchesPosteriorAndLogLikelihood(EmTestVector vector) {
		RatingMatrix matrix = vector.matrix();
		MixtureModel initial = vector.mixture("initial");
		double[][] expected = vector.firstPosterior();
		double logLikelihood = 0;
		for (int u = 0; u < matrix.users(); u++) {
			UserPosterior posterior = initial.foldIn(matrix, u);
			assertClose(posterior.probabilities(), expected[u], vector + " posterior of user " + u);
			logLikelihood += posterior.logLikelihood();
		}
		assertClose(logLikelihood, vector.firstLogLikelihood(), vector + " log-likelihood");
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void firstMStepMatchesMixture(EmTestVector vector) {
		FitResult fit = fitFromInitial(vector, 2);
		assertSameMixture(fit.model(), vector.mixture("afterFirstMStep"), vector + " after first M-step");
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void convergedRunMatchesTraceMixtureAndPredictions(EmTestVector vector) {
		FitResult fit = fitFromInitial(vector, 1000);
		assertThat(fit.converged()).isTrue();
		assertClose(fit.objectiveTrace(), vector.logLikelihoodTrace(), vector + " log-likelihood trace");
		assertSameMixture(fit.model(), vector.mixture("converged"), vector + " converged mixture");
		RatingMatrix matrix = vector.matrix();
		for (JsonNode prediction : vector.predictions()) {
			int user = prediction.get(0).asInt();
			int item = prediction.get(1).asInt();
			double predicted = fit.model().predict(fit.model().foldIn(matrix, user), item);
			assertClose(predicted, prediction.get(2).asDouble(), vector + " prediction " + prediction);
		}
	}

	private static FitResult fitFromInitial(EmTestVector vector, int maxIterations) {
		EmOptions options = EmOptions.classic(vector.clusters())
			.toBuilder()
			.initialization(Initialization.GIVEN)
			.maxIterations(maxIterations)
			.threads(1)
			.build();
		return new MixtureFitter(options).fit(vector.matrix(), vector.mixture("initial"));
	}

	private static void assertSameMixture(MixtureModel actual, MixtureModel expected, String what) {
		assertClose(actual.weights(), expected.weights(), what + " weights");
		assertClose(actual.variances(), expected.variances(), what + " variances");
		assertClose(actual.means(), expected.means(), what + " means");
	}

	static void assertClose(double[] actual, double[] expected, String what) {
		assertThat(actual).as(what + " length").hasSameSizeAs(expected);
		for (int k = 0; k < expected.length; k++) {
			assertClose(actual[k], expected[k], what + " [" + k + "]");
		}
	}

	static void assertClose(double actual, double expected, String what) {
		double tolerance = RELATIVE * Math.max(Math.abs(expected), 1e-9);
		assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
	}

}
