package io.mixrec.em;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.mixrec.em.eval.BiasRecommender;
import io.mixrec.em.eval.FittedRecommender;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ensemble fit: every part's invariants, determinism, independence of the thread
 * count, and that it learns something the biases alone do not.
 */
class EnsembleFitterTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(200, 50, 0.2, 4, 42);

	private static final EnsembleOptions SMALL = EnsembleOptions.defaults()
		.withUsers(EnsembleOptions.defaults().users().withClusters(4).withRestarts(2))
		.withItems(EnsembleOptions.defaults().items().withClusters(3).withRestarts(2))
		.withAspects(EnsembleOptions.defaults().aspects().withClusters(5).withRestarts(3))
		.withThreads(2)
		.withSeed(9);

	@Test
	void fitsEveryRestartOfEveryPart() {
		EnsembleFit fit = new EnsembleFitter(SMALL).fit(DATA);
		EnsembleModel model = fit.model();
		assertThat(model.userMixtures()).hasSize(2);
		assertThat(model.itemMixtures()).hasSize(2);
		assertThat(model.aspectModels()).hasSize(3);
		assertThat(fit.parts()).extracting(EnsembleFitter.PartFit::part)
			.containsExactly(EnsembleFitter.Part.USERS, EnsembleFitter.Part.USERS, EnsembleFitter.Part.ITEMS,
					EnsembleFitter.Part.ITEMS, EnsembleFitter.Part.ASPECTS, EnsembleFitter.Part.ASPECTS,
					EnsembleFitter.Part.ASPECTS);
		assertThat(fit.clusterUsers()).hasSize(4);
		assertThat(java.util.Arrays.stream(fit.clusterUsers()).sum()).isEqualTo(DATA.users());
		assertThat(fit.totalIterations()).isGreaterThanOrEqualTo(7);
	}

	@Test
	void everyRestartsObjectiveNeverDecreases() {
		EnsembleOptions exhaustive = SMALL.withUsers(new EnsembleOptions.Mixture(4, 2, 5, 0.3, 0.05, 40, 0))
			.withItems(new EnsembleOptions.Mixture(3, 2, 5, 0.3, 0.05, 40, 0))
			.withAspects(new EnsembleOptions.Aspects(5, 3, 0.5, 0.01, 40, 5, 0, 50, 1e-6));
		for (EnsembleFitter.PartFit part : new EnsembleFitter(exhaustive).fit(DATA).parts()) {
			double[] trace = part.trace();
			assertThat(trace.length).as(part.part() + " restart " + part.restart()).isGreaterThan(10);
			for (int t = 1; t < trace.length; t++) {
				assertThat(trace[t]).as(part.part() + " restart " + part.restart() + " iteration " + (t + 1))
					.isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]));
			}
		}
	}

	@Test
	void membershipsWeightsAndPosteriorsAreDistributions() {
		EnsembleModel model = new EnsembleFitter(SMALL).fit(DATA).model();
		for (EnsembleModel.ItemMixture part : model.itemMixtures()) {
			int k = part.clusters();
			for (int i = 0; i < DATA.items(); i++) {
				double sum = 0;
				for (int c = 0; c < k; c++) {
					sum += part.membership()[i * k + c];
				}
				assertThat(sum).as("item " + i).isCloseTo(1, within(1e-9));
			}
		}
		FittedRecommender recommender = new FittedRecommender(model, DATA);
		for (int u = 0; u < DATA.users(); u++) {
			EnsembleUser user = (EnsembleUser) recommender.foldIn(u);
			for (double[] distribution : concat(user.posteriors(), user.aspectWeights())) {
				double sum = 0;
				for (double p : distribution) {
					assertThat(p).isBetween(0.0, 1.0);
					sum += p;
				}
				assertThat(sum).as("user " + u).isCloseTo(1, within(1e-12));
			}
		}
	}

	@Test
	void oneThreadAndManyThreadsGiveIdenticalModels() {
		EnsembleModel one = new EnsembleFitter(SMALL.withThreads(1)).fit(DATA).model();
		EnsembleModel many = new EnsembleFitter(SMALL.withThreads(3)).fit(DATA).model();
		assertSameModel(one, many);
	}

	@Test
	void sameSeedGivesTheSameModelAndOtherSeedsDiffer() {
		EnsembleModel first = new EnsembleFitter(SMALL).fit(DATA).model();
		assertSameModel(first, new EnsembleFitter(SMALL).fit(DATA).model());
		EnsembleModel other = new EnsembleFitter(SMALL.withSeed(10)).fit(DATA).model();
		assertThat(other.userMixtures().get(0).means()).isNotEqualTo(first.userMixtures().get(0).means());
	}

	@Test
	void restartsDifferFromEachOther() {
		EnsembleModel model = new EnsembleFitter(SMALL).fit(DATA).model();
		assertThat(model.aspectModels().get(1).phi()).isNotEqualTo(model.aspectModels().get(0).phi());
		assertThat(model.userMixtures().get(1).means()).isNotEqualTo(model.userMixtures().get(0).means());
	}

	@Test
	void predictsHeldOutRatingsBetterThanTheBiasesAlone() {
		RatingMatrix all = RandomRatings.matrix(400, 60, 0.25, 4, 7);
		RatingSplit split = RatingSplit.holdOut(all, 0.2, Integer.MAX_VALUE, 3);
		EnsembleModel model = new EnsembleFitter(SMALL).fit(split.train()).model();
		Evaluator evaluator = new Evaluator();
		EvaluationResult ensemble = evaluator.evaluate(new FittedRecommender(model, split.train()), split.train(),
				split.heldOut());
		EvaluationResult biases = evaluator.evaluate(new BiasRecommender(split.train()), split.train(),
				split.heldOut());
		assertThat(ensemble.rmse()).isLessThan(biases.rmse() - 0.05);
	}

	@Test
	void theItemMixturesMeansOfATrainingUserAreTheClosedForm() {
		EnsembleModel model = new EnsembleFitter(SMALL).fit(DATA).model();
		EnsembleUser user = (EnsembleUser) new FittedRecommender(model, DATA).foldIn(3);
		EnsembleModel.ItemMixture part = model.itemMixtures().get(0);
		int k = part.clusters();
		for (int c = 0; c < k; c++) {
			double weighted = 0;
			double weight = 0;
			for (int p = DATA.start(3); p < DATA.end(3); p++) {
				int i = DATA.item(p);
				double residual = (float) (DATA.value(p) - model.baseline().predict(user.userBias(), i));
				weighted += part.membership()[i * k + c] * residual;
				weight += part.membership()[i * k + c];
			}
			assertThat(user.itemClusterMeans()[0][c]).isCloseTo(weighted / (weight + 5), within(1e-12));
		}
	}

	private static void assertSameModel(EnsembleModel a, EnsembleModel b) {
		assertThat(b.baseline().itemBias()).isEqualTo(a.baseline().itemBias());
		for (int r = 0; r < a.userMixtures().size(); r++) {
			assertThat(b.userMixtures().get(r).means()).isEqualTo(a.userMixtures().get(r).means());
			assertThat(b.userMixtures().get(r).variances()).isEqualTo(a.userMixtures().get(r).variances());
			assertThat(b.userMixtures().get(r).support()).isEqualTo(a.userMixtures().get(r).support());
		}
		for (int r = 0; r < a.itemMixtures().size(); r++) {
			assertThat(b.itemMixtures().get(r).membership()).isEqualTo(a.itemMixtures().get(r).membership());
		}
		for (int r = 0; r < a.aspectModels().size(); r++) {
			assertThat(b.aspectModels().get(r).phi()).isEqualTo(a.aspectModels().get(r).phi());
		}
	}

	private static List<double[]> concat(double[][] first, double[][] second) {
		List<double[]> all = new ArrayList<>();
		Collections.addAll(all, first);
		Collections.addAll(all, second);
		return all;
	}

}
