package io.mixrec.em;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Inputs at the edges: empty rows and columns, too many clusters, huge rows, no spread.
 */
class EmEdgeCaseTests {

	@Test
	void usersAndItemsWithoutRatingsAreHandled() {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		builder.add(0, 0, 4).add(0, 1, 2).add(2, 1, 5).add(2, 0, 1);
		RatingMatrix matrix = builder.build(4, 3);
		for (EmOptions options : new EmOptions[] { EmOptions.classic(2), EmOptions.defaults(2) }) {
			FitResult fit = new MixtureFitter(options.toBuilder().threads(1).build()).fit(matrix);
			MixtureModel model = fit.model();
			assertThat(fit.objective()).isFinite();
			UserPosterior empty = model.foldIn(matrix, 1);
			assertThat(empty.coldStart()).isTrue();
			assertThat(empty.probabilities()).containsExactly(model.weights());
			assertThat(model.predict(empty, 2)).isFinite();
			assertThat(model.predictiveStdDev(model.foldIn(matrix, 0), 2)).isPositive();
		}
	}

	@Test
	void moreClustersThanUsersStillFits() {
		RatingMatrix matrix = RandomRatings.matrix(5, 8, 0.5, 2, 1);
		FitResult fit = new MixtureFitter(EmOptions.classic(12).toBuilder().threads(2).build()).fit(matrix);
		assertThat(fit.objective()).isFinite();
		double sum = 0;
		for (double w : fit.model().weights()) {
			sum += w;
		}
		assertThat(sum).isCloseTo(1, within(1e-12));
		for (double v : fit.model().variances()) {
			assertThat(v).isGreaterThanOrEqualTo(0.25);
		}
	}

	@Test
	void userWithThousandsOfRatingsDoesNotUnderflow() {
		int items = 5000;
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int i = 0; i < items; i++) {
			builder.add(0, i, (i % 5) + 1);
			builder.add(1, i, 5 - (i % 5));
			if (i % 10 == 0) {
				builder.add(2, i, 3);
			}
		}
		RatingMatrix matrix = builder.build(3, items);
		FitResult fit = new MixtureFitter(EmOptions.classic(2).toBuilder().threads(1).build()).fit(matrix);
		assertThat(fit.objective()).isFinite().isLessThan(-1000);
		UserPosterior heavy = fit.model().foldIn(matrix, 0);
		assertThat(heavy.logLikelihood()).isFinite().isLessThan(-1000);
		for (double p : heavy.probabilities()) {
			assertThat(p).isBetween(0.0, 1.0);
		}
		double sum = heavy.probabilities()[0] + heavy.probabilities()[1];
		assertThat(sum).isCloseTo(1, within(1e-12));
	}

	@Test
	void constantRatingsStopAtTheVarianceFloor() {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int u = 0; u < 20; u++) {
			for (int i = 0; i < 6; i++) {
				builder.add(u, i, 4);
			}
		}
		FitResult fit = new MixtureFitter(EmOptions.classic(3).toBuilder().threads(1).build()).fit(builder.build());
		assertThat(fit.model().variances()).containsOnly(0.25);
		assertThat(fit.converged()).isTrue();
		assertThat(fit.model().predict(fit.model().foldIn(builder.build(), 0), 0)).isCloseTo(4, within(1e-9));
	}

	@Test
	void givenInitialisationNeedsInitialParameters() {
		EmOptions options = EmOptions.classic(2).toBuilder().initialization(Initialization.GIVEN).build();
		assertThatThrownBy(() -> new MixtureFitter(options).fit(RandomRatings.matrix(5, 5, 0.5, 1, 1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("GIVEN");
	}

	@Test
	void warmStartRejectsAModelOfAnotherShape() {
		RatingMatrix matrix = RandomRatings.matrix(10, 6, 0.5, 2, 1);
		MixtureModel other = new MixtureFitter(EmOptions.classic(3).toBuilder().threads(1).build()).fit(matrix).model();
		assertThatThrownBy(() -> new MixtureFitter(EmOptions.classic(2)).fit(matrix, other))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("3 clusters");
	}

	@Test
	void warmStartFromAConvergedModelConvergesAtOnce() {
		RatingMatrix matrix = RandomRatings.matrix(200, 30, 0.3, 3, 9);
		EmOptions options = EmOptions.defaults(3).toBuilder().threads(1).build();
		FitResult cold = new MixtureFitter(options).fit(matrix);
		FitResult warm = new MixtureFitter(options.toBuilder().initialization(Initialization.GIVEN).build()).fit(matrix,
				cold.model());
		assertThat(warm.iterations()).isLessThan(cold.iterations()).isLessThanOrEqualTo(3);
		assertThat(warm.objective()).isGreaterThanOrEqualTo(cold.objective() - 1e-6 * Math.abs(cold.objective()));
	}

	@Test
	void cancellationStopsTheFit() {
		RatingMatrix matrix = RandomRatings.matrix(100, 20, 0.3, 3, 9);
		int[] polls = new int[1];
		MixtureFitter fitter = new MixtureFitter(EmOptions.classic(3).toBuilder().threads(2).build())
			.cancelWhen(() -> ++polls[0] > 3);
		assertThatThrownBy(() -> fitter.fit(matrix)).isInstanceOf(java.util.concurrent.CancellationException.class);
	}

	/**
	 * An item without training ratings: a centred model predicts the user's baseline with
	 * the spread of their clusters; an uncentred one cannot say.
	 */
	@Test
	void onlyACentredModelPredictsAnItemItDoesNotKnow() {
		RatingMatrix matrix = RandomRatings.matrix(40, 12, 0.5, 2, 3);
		FitResult centred = new MixtureFitter(EmOptions.defaults(2).toBuilder().threads(1).build()).fit(matrix);
		MixtureUser user = (MixtureUser) centred.model().fold(matrix, 0);
		ItemPrediction unknown = user.predictUnknownItem().orElseThrow();
		assertThat(unknown.rating()).isEqualTo(centred.model().baseline().globalMean() + user.posterior().userBias());
		assertThat(unknown.stdDev()).isEqualTo(centred.model().predictiveStdDevUnknown(user.posterior()));
		FitResult raw = new MixtureFitter(EmOptions.classic(2).toBuilder().threads(1).build()).fit(matrix);
		assertThat(raw.model().fold(matrix, 0).predictUnknownItem()).isEmpty();
	}

	/**
	 * The cluster sizes a fit reports are the training users by most probable cluster.
	 */
	@Test
	void clusterUsersCountEveryTrainingUserByMostProbableCluster() {
		RatingMatrix matrix = RandomRatings.matrix(60, 15, 0.4, 3, 4);
		FitResult fit = new MixtureFitter(EmOptions.defaults(3).toBuilder().threads(2).restarts(3).build()).fit(matrix);
		int[] expected = new int[3];
		for (int u = 0; u < matrix.users(); u++) {
			double[] post = fit.model().foldIn(matrix, u).probabilities();
			int best = 0;
			for (int j = 1; j < post.length; j++) {
				best = (post[j] > post[best]) ? j : best;
			}
			expected[best]++;
		}
		assertThat(fit.clusterUsers()).containsExactly(expected);
	}

}
