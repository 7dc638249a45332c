package io.mixrec.em;

import java.util.List;

import io.mixrec.em.eval.FittedRecommender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fold-in and prediction of the ensemble against its documented formulas on a model small
 * enough to compute by hand, and the behaviour of its predictive variance.
 */
class EnsembleModelTests {

	/** Three items, two user clusters, two item clusters, two aspects. */
	private static EnsembleModel handMade(double scale) {
		Baseline baseline = new Baseline(3.5, new double[] { 0.5, -0.25, 0 }, 10);
		EnsembleModel.UserMixture users = new EnsembleModel.UserMixture(new double[] { 0.6, 0.4 },
				new double[] { 0.8, 0.5 }, new double[] { 0.3, -0.2, -0.1, 0.4, 0.2, 0 },
				new double[] { 10, 2, 1, 6, 0, 0 });
		EnsembleModel.ItemMixture items = new EnsembleModel.ItemMixture(2,
				new double[] { 0.9, 0.1, 0.2, 0.8, 0.5, 0.5 });
		EnsembleModel.AspectMixture aspects = new EnsembleModel.AspectMixture(2,
				new double[] { 0.5, 0.2, 0.3, 0.1, 0.2, 0.7 });
		EnsembleModel.Settings settings = new EnsembleModel.Settings(0.3, 5, 5, 25, 0.5, 500, 1e-14, 3.0, scale);
		return new EnsembleModel(baseline, new int[] { 12, 8, 1 }, settings, List.of(users), List.of(items),
				List.of(aspects));
	}

	@Test
	void foldsInAndPredictsByTheDocumentedFormulas() {
		EnsembleModel model = handMade(1.3);
		int[] items = { 0, 1 };
		float[] values = { 5, 3 };
		EnsembleUser user = model.fold(items, values, 2);

		double bias = ((5 - 3.5 - 0.5) + (3 - 3.5 + 0.25)) / (10 + 2);
		assertThat(user.userBias()).isCloseTo(bias, within(1e-12));
		double r0 = (float) (5 - 3.5 - bias - 0.5);
		double r1 = (float) (3 - 3.5 - bias + 0.25);
		// A: tempered posterior
		double[] f = new double[2];
		double[] variance = { 0.8, 0.5 };
		double[][] mu = { { 0.3, -0.1, 0.2 }, { -0.2, 0.4, 0 } };
		double[] weight = { 0.6, 0.4 };
		for (int j = 0; j < 2; j++) {
			double sq = (r0 - mu[j][0]) * (r0 - mu[j][0]) + (r1 - mu[j][1]) * (r1 - mu[j][1]);
			f[j] = Math.log(weight[j]) + 0.3 * (-Math.log(2 * Math.PI * variance[j]) - sq / (2 * variance[j]));
		}
		double w0 = 1 / (1 + Math.exp(f[1] - f[0]));
		assertThat(user.posteriors()[0][0]).isCloseTo(w0, within(1e-12));
		// B: nu_c = sum z r / (sum z + 5)
		double nu0 = (0.9 * r0 + 0.2 * r1) / (0.9 + 0.2 + 5);
		double nu1 = (0.1 * r0 + 0.8 * r1) / (0.1 + 0.8 + 5);
		assertThat(user.itemClusterMeans()[0]).containsExactly(new double[] { nu0, nu1 }, within(1e-12));
		// C: theta maximises sum_i log P_ui + alpha sum_z log theta_z on the simplex
		double[] theta = user.aspectWeights()[0];
		assertThat(theta[0] + theta[1]).isCloseTo(1, within(1e-12));
		double gradient0 = 0.5 / (0.5 * theta[0] + 0.2 * theta[1]) + 0.3 / (0.3 * theta[0] + 0.1 * theta[1])
				+ 0.5 / theta[0];
		double gradient1 = 0.2 / (0.5 * theta[0] + 0.2 * theta[1]) + 0.1 / (0.3 * theta[0] + 0.1 * theta[1])
				+ 0.5 / theta[1];
		assertThat(gradient0).as("a stationary point: equal partial derivatives").isCloseTo(gradient1, within(1e-6));

		double w1 = 1 - w0;
		int item = 2;
		double clusterMean = w0 * 0.2 + w1 * 0;
		double predicted = 3.5 + bias + 0 + clusterMean + (0.5 * nu0 + 0.5 * nu1);
		assertThat(model.predict(user, item)).isCloseTo(predicted, within(1e-12));
		double expected = w0 * (0.8 * (1 + 1.0 / 5) + (0.2 - clusterMean) * (0.2 - clusterMean))
				+ w1 * (0.5 * (1 + 1.0 / 5) + clusterMean * clusterMean);
		double spread = w0 * 0.8 + w1 * 0.5;
		double v = 1.3 * (expected + spread * (1.0 / (10 + 2) + 1.0 / (25 + 1)));
		assertThat(model.variance(user, item)).isCloseTo(v, within(1e-12));
		double p = theta[0] * 0.2 + theta[1] * 0.7;
		assertThat(model.rateProbability(user, item)).isCloseTo(p, within(1e-12));
		assertThat(model.score(user, item)).isCloseTo(p * LogMath.normalUpperTail((3.0 - predicted) / Math.sqrt(v)),
				within(1e-12));
		assertThat(user.predict(item)).isEqualTo(model.predict(user, item));
		assertThat(user.stdDev(item)).isEqualTo(Math.sqrt(model.variance(user, item)));
	}

	@Test
	void aColdStartGetsTheWeightsUniformAspectsAndTheBaseline() {
		EnsembleModel model = handMade(1);
		EnsembleUser cold = model.fold(new int[0], new float[0], 0);
		assertThat(cold.coldStart()).isTrue();
		assertThat(cold.userBias()).isZero();
		assertThat(cold.posteriors()[0]).containsExactly(0.6, 0.4);
		assertThat(cold.aspectWeights()[0]).containsExactly(0.5, 0.5);
		assertThat(cold.itemClusterMeans()[0]).containsExactly(0, 0);
		assertThat(cold.predictUnknownItem().orElseThrow().rating()).isEqualTo(3.5);
	}

	@Test
	void uncertaintyGrowsWhereTheModelKnowsLess() {
		RatingMatrix data = RandomRatings.matrix(300, 60, 0.2, 4, 3);
		EnsembleModel model = new EnsembleFitter(EnsembleOptions.defaults()
			.withUsers(EnsembleOptions.defaults().users().withClusters(4))
			.withItems(EnsembleOptions.defaults().items().withClusters(3))
			.withAspects(EnsembleOptions.defaults().aspects().withClusters(4))
			.withThreads(2)).fit(data).model();
		FittedRecommender recommender = new FittedRecommender(model, data);
		EnsembleUser cold = (EnsembleUser) recommender.foldIn(data.users());
		double[] known = new double[data.users()];
		for (int u = 0; u < data.users(); u++) {
			known[u] = meanStdDev(model, (EnsembleUser) recommender.foldIn(u));
		}
		java.util.Arrays.sort(known);
		assertThat(meanStdDev(model, cold)).isGreaterThan(known[known.length / 2]);
		// the item with the fewest ratings is less certain than the one with the most
		EnsembleUser user = (EnsembleUser) recommender.foldIn(0);
		int[] counts = data.itemCounts();
		int rare = 0;
		int common = 0;
		for (int i = 1; i < counts.length; i++) {
			rare = (counts[i] < counts[rare]) ? i : rare;
			common = (counts[i] > counts[common]) ? i : common;
		}
		assertThat(user.stdDev(rare)).isGreaterThan(user.stdDev(common));
		assertThat(user.predictUnknownItem().orElseThrow().stdDev()).isGreaterThan(user.stdDev(common));
	}

	@Test
	void rejectsPartsThatDoNotCoverTheItems() {
		Baseline baseline = new Baseline(3, new double[2], 10);
		EnsembleModel.Settings settings = new EnsembleModel.Settings(0.3, 5, 5, 25, 0.5, 50, 1e-6, 3.0, 1);
		EnsembleModel.UserMixture users = new EnsembleModel.UserMixture(new double[] { 1 }, new double[] { 1 },
				new double[2], new double[2]);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new EnsembleModel(baseline, new int[2], settings, List.of(users),
					List.of(new EnsembleModel.ItemMixture(2, new double[3])), List.of()))
			.withMessageContaining("item mixture");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new EnsembleModel(baseline, new int[2], settings, List.of(), List.of(), List.of()));
	}

	private static double meanStdDev(EnsembleModel model, EnsembleUser user) {
		double sum = 0;
		for (int i = 0; i < model.items(); i++) {
			sum += model.predictiveStdDev(user, i);
		}
		return sum / model.items();
	}

}
