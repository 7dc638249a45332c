package io.mixrec.em;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The distributed EM gives the in-process fit's trace and parameters, whichever way the
 * users are cut into parts.
 */
class DistributedEmTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(700, 60, 0.15, 4, 42);

	static Stream<Arguments> variants() {
		EmOptions classic = EmOptions.classic(5).toBuilder().maxIterations(60).threads(2).seed(7).restarts(2).build();
		EmOptions priors = EmOptions.defaults(5)
			.toBuilder()
			.centering(false)
			.weightPrior(2)
			.maxIterations(60)
			.threads(2)
			.seed(11)
			.build();
		// the ensemble's user mixture, but with random initialisation (its k-means++
		// needs
		// every row in one place)
		EmOptions tempered = EnsembleOptions.defaults()
			.users()
			.engineOptions(2, 7)
			.toBuilder()
			.clusters(5)
			.initialization(Initialization.RANDOM_POSTERIOR)
			.build();
		// 700 users: in-process blocks of 256 users; parts of 100 and 300 users cut
		// through them
		return Stream.of(Arguments.of("classic, parts = blocks", classic, 256),
				Arguments.of("classic, parts cut blocks", classic, 100),
				Arguments.of("priors and presence", priors, 300), Arguments.of("tempered ratings", tempered, 300));
	}

	static Stream<Arguments> variantsAndPaths() {
		return variants().flatMap((a) -> Stream.of(Arguments.of(a.get()[0], a.get()[1], a.get()[2], true),
				Arguments.of(a.get()[0], a.get()[1], a.get()[2], false)));
	}

	@ParameterizedTest(name = "{0}, by the engine's pass: {3}")
	@MethodSource("variantsAndPaths")
	void matchesTheInProcessFit(String name, EmOptions options, int partUsers, boolean passes) {
		FitResult local = new MixtureFitter(options).fit(DATA);
		DistributedEm.Fit distributed = fit(options, partUsers, passes);
		FitResult remote = distributed.result();
		assertThat(remote.objectiveTrace()).hasSameSizeAs(local.objectiveTrace());
		assertClose(remote.objectiveTrace(), local.objectiveTrace());
		assertClose(remote.restartObjectives(), local.restartObjectives());
		assertThat(remote.restart()).isEqualTo(local.restart());
		assertThat(remote.seed()).isEqualTo(local.seed());
		assertThat(remote.converged()).isEqualTo(local.converged());
		assertClose(remote.model().weights(), local.model().weights());
		assertClose(remote.model().variances(), local.model().variances());
		assertClose(remote.model().means(), local.model().means());
		assertClose(remote.model().presence(), local.model().presence());
		assertThat(remote.bic()).isCloseTo(local.bic(), org.assertj.core.data.Percentage.withPercentage(1e-7));
		assertThat(Arrays.stream(distributed.clusterUsers()).sum()).isEqualTo(DATA.users());
		for (int j = 0; j < local.model().clusters(); j++) {
			int users = 0;
			for (int u = 0; u < DATA.users(); u++) {
				double[] p = local.model().fold(DATA, u).clusterProbabilities();
				int best = 0;
				for (int c = 1; c < p.length; c++) {
					best = (p[c] > p[best]) ? c : best;
				}
				users += (best == j) ? 1 : 0;
			}
			assertThat(distributed.clusterUsers()[j]).as("users of cluster %d", j).isEqualTo(users);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("variants")
	void partsMayRunInAnyOrder(String name, EmOptions options, int partUsers) {
		List<Part> parts = parts(partUsers);
		List<Part> reversed = new ArrayList<>(parts);
		java.util.Collections.reverse(reversed);
		double[] forward = em(options, parts).fit(sequential(parts, options)).result().objectiveTrace();
		double[] backward = em(options, parts).fit(sequential(reversed, options)).result().objectiveTrace();
		assertClose(backward, forward);
	}

	@org.junit.jupiter.api.Test
	void statisticsAndParametersSurviveJavaSerialization() throws Exception {
		EmOptions options = EmOptions.classic(4).toBuilder().maxIterations(3).threads(1).seed(5).build();
		List<Part> parts = parts(300);
		DistributedEm em = em(options, parts);
		DistributedEm.Parts local = sequential(parts, options);
		// what a Spark job does: ship the parameters, compute, ship the statistics back
		DistributedEm.Parts shipped = new DistributedEm.Parts() {

			@Override
			public DistributedEm.Statistics expectation(DistributedEm.State state) {
				DistributedEm.State remote = roundTrip(state);
				DistributedEm.Statistics total = DistributedEm.Statistics.empty(options.clusters(), DATA.items());
				parts.forEach((p) -> total.merge(roundTrip(DistributedEm.expectation(remote, p.matrix()))));
				return total;
			}

			@Override
			public DistributedEm.Statistics randomPosteriors(long restartSeed) {
				return roundTrip(local.randomPosteriors(restartSeed));
			}

		};
		assertThat(em.fit(shipped).result().objectiveTrace()).containsExactly(em.fit(local).result().objectiveTrace());
	}

	@SuppressWarnings("unchecked")
	private static <T> T roundTrip(T value) {
		try {
			java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
			try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
				out.writeObject(value);
			}
			try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
					new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
				return (T) in.readObject();
			}
		}
		catch (java.io.IOException | ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@org.junit.jupiter.api.Test
	void refusesKMeansPlusPlus() {
		EmOptions options = EmOptions.defaults(3).toBuilder().initialization(Initialization.KMEANS_PLUS_PLUS).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DistributedEm(options, DistributedEm.Totals.empty(DATA.items()), 0))
			.withMessageContaining("k-means++");
	}

	private static DistributedEm.Fit fit(EmOptions options, int partUsers, boolean passes) {
		List<Part> parts = parts(partUsers);
		return em(options, parts).fit(sequential(parts, options, passes));
	}

	private static DistributedEm em(EmOptions options, List<Part> parts) {
		DistributedEm.Totals totals = DistributedEm.Totals.empty(DATA.items());
		parts.forEach((p) -> totals.merge(DistributedEm.totals(p.matrix())));
		double[] priorMean = DistributedEm.priorMean(options, totals);
		double squares = 0;
		for (Part p : parts) {
			squares += DistributedEm.squares(p.matrix(), priorMean);
		}
		return new DistributedEm(options, totals, squares);
	}

	private static DistributedEm.Parts sequential(List<Part> parts, EmOptions options) {
		return sequential(parts, options, false);
	}

	/**
	 * @param passes the E-step by the engine's pass over each part, else user by user
	 */
	private static DistributedEm.Parts sequential(List<Part> parts, EmOptions options, boolean passes) {
		int blockUsers = DistributedEm.blockUsers(DATA.users());
		List<DistributedEm.PartPass> layouts = new ArrayList<>();
		parts.forEach((p) -> layouts.add(new DistributedEm.PartPass(p.matrix(), options.clusters())));
		return new DistributedEm.Parts() {

			@Override
			public DistributedEm.Statistics expectation(DistributedEm.State state) {
				DistributedEm.Statistics total = DistributedEm.Statistics.empty(options.clusters(), DATA.items());
				for (int p = 0; p < parts.size(); p++) {
					total.merge(passes ? DistributedEm.expectation(state, layouts.get(p))
							: DistributedEm.expectation(state, parts.get(p).matrix()));
				}
				return total;
			}

			@Override
			public DistributedEm.Statistics randomPosteriors(long restartSeed) {
				DistributedEm.Statistics total = DistributedEm.Statistics.empty(options.clusters(), DATA.items());
				parts.forEach((p) -> total.merge(DistributedEm.randomPosteriors(options.clusters(), p.matrix(),
						p.firstUser(), blockUsers, restartSeed)));
				return total;
			}

		};
	}

	/** Consecutive users of DATA, {@code size} per part. */
	private static List<Part> parts(int size) {
		List<Part> parts = new ArrayList<>();
		for (int from = 0; from < DATA.users(); from += size) {
			int to = Math.min(DATA.users(), from + size);
			int[] rowStart = new int[to - from + 1];
			int offset = DATA.start(from);
			for (int u = from; u <= to; u++) {
				rowStart[u - from] = ((u < DATA.users()) ? DATA.start(u) : DATA.ratings()) - offset;
			}
			int end = (to < DATA.users()) ? DATA.start(to) : DATA.ratings();
			int[] items = new int[end - offset];
			float[] values = new float[end - offset];
			for (int p = offset; p < end; p++) {
				items[p - offset] = DATA.item(p);
				values[p - offset] = DATA.value(p);
			}
			parts.add(new Part(from, RatingMatrix.of(DATA.items(), rowStart, items, values)));
		}
		return parts;
	}

	private static void assertClose(double[] actual, double[] expected) {
		assertThat(actual).hasSameSizeAs(expected);
		for (int k = 0; k < expected.length; k++) {
			double scale = Math.max(Math.abs(expected[k]), Math.abs(actual[k]));
			assertThat(Math.abs(actual[k] - expected[k])).as("entry %d: %s vs %s", k, actual[k], expected[k])
				.isLessThanOrEqualTo(1e-9 * scale + 1e-300);
		}
	}

	private record Part(int firstUser, RatingMatrix matrix) {
	}

}
