package io.mixrec.em;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One test per validation branch: bad options are rejected with a message naming them.
 */
class EmOptionsTests {

	static Stream<Arguments> invalid() {
		return Stream.of(bad("clusters", (b) -> b.clusters(0)), bad("maxIterations", (b) -> b.maxIterations(0)),
				bad("relativeTolerance", (b) -> b.relativeTolerance(-1)),
				bad("relativeTolerance", (b) -> b.relativeTolerance(Double.NaN)),
				bad("varianceFloor", (b) -> b.varianceFloor(0)),
				bad("meanUpdateMinWeight", (b) -> b.meanUpdateMinWeight(-0.5)),
				bad("userBiasDamping", (b) -> b.userBiasDamping(-1)),
				bad("itemBiasDamping", (b) -> b.itemBiasDamping(Double.POSITIVE_INFINITY)),
				bad("biasSweeps", (b) -> b.biasSweeps(0)), bad("meanPrior", (b) -> b.meanPrior(-2)),
				bad("weightPrior", (b) -> b.weightPrior(0.5)), bad("presenceSmoothing", (b) -> b.presenceSmoothing(0)),
				bad("presenceWeight", (b) -> b.presenceWeight(0)),
				bad("likeThreshold", (b) -> b.likeThreshold(Double.NaN)), bad("restarts", (b) -> b.restarts(0)),
				bad("threads", (b) -> b.threads(0)));
	}

	private static Arguments bad(String field, UnaryOperator<EmOptions.Builder> change) {
		return Arguments.of(field, change);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalid")
	void rejectsInvalidValueNamingTheOption(String field, UnaryOperator<EmOptions.Builder> change) {
		assertThatIllegalArgumentException().isThrownBy(() -> change.apply(EmOptions.defaults(4).toBuilder()).build())
			.withMessageStartingWith(field);
	}

	@Test
	void classicTurnsEveryExtensionOff() {
		EmOptions classic = EmOptions.classic(7);
		assertThat(classic.centering()).isFalse();
		assertThat(classic.presence()).isFalse();
		assertThat(classic.meanPrior()).isZero();
		assertThat(classic.weightPrior()).isEqualTo(1);
		assertThat(classic.varianceFloor()).isEqualTo(0.25);
		assertThat(classic.meanUpdateMinWeight()).isEqualTo(1);
		assertThat(classic.relativeTolerance()).isEqualTo(1e-6);
	}

	@Test
	void builderCopiesEveryField() {
		EmOptions defaults = EmOptions.defaults(9);
		assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
	}

	/** The presets spelled by name are the values they always had. */
	@Test
	void presetsKeepTheirValues() {
		int threads = Runtime.getRuntime().availableProcessors();
		assertThat(EmOptions.classic(7)).isEqualTo(new EmOptions(7, 1000, 1e-6, 0.25, 1.0, false, 0, 0, 1, 0, 1, false,
				1, 1, 1, 3.5, Initialization.RANDOM_POSTERIOR, 1, threads, 0));
		assertThat(EmOptions.defaults(7)).isEqualTo(new EmOptions(7, 200, 1e-6, 0.05, 1.0, true, 10, 5, 10, 20, 1, true,
				0.1, 0.3, 1, 3.5, Initialization.RANDOM_POSTERIOR, 1, threads, 0));
		assertThat(EmOptions.builder(7).build()).isEqualTo(EmOptions.classic(7));
	}

}
