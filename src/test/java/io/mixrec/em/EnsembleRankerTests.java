package io.mixrec.em;

import java.util.SplittableRandom;

import io.mixrec.em.eval.FittedRecommender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The ensemble's ranker selects exactly what scoring every item with
 * {@link EnsembleModel#score} and {@link TopN#select} selects, scores included, for warm
 * and cold users, with and without exclusions, limits up to beyond the catalogue, and
 * without aspects; and it leaves its work buffer clean.
 */
class EnsembleRankerTests {

	private static final int USERS = 250;

	private static final int ITEMS = 120;

	private static final RatingMatrix TRAIN = planted();

	private static RatingMatrix planted() {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		new PlantedMixture(USERS, ITEMS, 5000, 4, 7).generate(builder::add);
		return builder.build(USERS, ITEMS);
	}

	private static EnsembleModel fit(EnsembleOptions.Aspects aspects) {
		EnsembleOptions defaults = EnsembleOptions.defaults();
		return new EnsembleFitter(defaults.withUsers(defaults.users().withClusters(4))
			.withItems(defaults.items().withClusters(3))
			.withAspects(aspects)
			.withThreads(2)
			.withSeed(5)).fit(TRAIN).model();
	}

	@Test
	void selectsWhatScoringEveryItemSelects() {
		for (EnsembleModel model : new EnsembleModel[] { fit(EnsembleOptions.defaults().aspects().withClusters(5)),
				fit(EnsembleOptions.defaults().aspects().withClusters(0)) }) {
			Ranker ranker = model.ranker();
			assertThat(ranker.scoreName())
				.isEqualTo(model.aspectModels().isEmpty() ? "predicted-rating" : "rate-and-like");
			FittedRecommender recommender = new FittedRecommender(model, TRAIN);
			SplittableRandom random = new SplittableRandom(3);
			double[] work = new double[ITEMS];
			for (int u = 0; u <= USERS; u += 3) {
				// u == USERS: a cold start
				EnsembleUser user = (EnsembleUser) recommender.foldIn(u);
				int[] excluded = (u < USERS && u % 2 == 0) ? rated(u) : new int[0];
				int limit = (u % 50 == 9) ? ITEMS + 5 : 1 + random.nextInt(30);
				assertSameSelection(model, ranker, user, excluded, limit, work);
			}
		}
	}

	@Test
	void selectsWhatScoringEveryItemSelectsInALargeCatalogue() {
		// more items than the selection's sample, so that its cut and its fallback run
		RatingMatrix.Builder builder = RatingMatrix.builder();
		new PlantedMixture(300, 3000, 15000, 4, 11).generate(builder::add);
		RatingMatrix train = builder.build(300, 3000);
		EnsembleOptions defaults = EnsembleOptions.defaults();
		EnsembleModel model = new EnsembleFitter(defaults.withUsers(defaults.users().withClusters(4))
			.withItems(defaults.items().withClusters(3))
			.withAspects(defaults.aspects().withClusters(6).withRestarts(2))
			.withThreads(2)
			.withSeed(3)).fit(train).model();
		Ranker ranker = model.ranker();
		FittedRecommender recommender = new FittedRecommender(model, train);
		double[] work = new double[3000];
		for (int u = 0; u < 300; u += 7) {
			int[] rated = new int[train.count(u)];
			for (int p = 0; p < rated.length; p++) {
				rated[p] = train.item(train.start(u) + p);
			}
			for (int limit : new int[] { 1, 10, 300 }) {
				assertSameSelection(model, ranker, (EnsembleUser) recommender.foldIn(u), rated, limit, work, 3000);
			}
		}
	}

	@Test
	void refusesAUserOfAnotherModel() {
		EnsembleModel one = fit(EnsembleOptions.defaults().aspects().withClusters(3));
		EnsembleModel other = fit(EnsembleOptions.defaults().aspects().withClusters(4));
		FoldedUser user = other.fold(new int[0], new float[0], 0);
		assertThatIllegalArgumentException().isThrownBy(
				() -> one.ranker().top(user, new int[0], 0, new TopN(3), new double[ITEMS], new int[3], new double[3]));
	}

	private static int[] rated(int u) {
		int[] items = new int[TRAIN.count(u)];
		for (int p = 0; p < items.length; p++) {
			items[p] = TRAIN.item(TRAIN.start(u) + p);
		}
		return items;
	}

	private static void assertSameSelection(EnsembleModel model, Ranker ranker, EnsembleUser user, int[] excluded,
			int limit, double[] work) {
		assertSameSelection(model, ranker, user, excluded, limit, work, ITEMS);
	}

	private static void assertSameSelection(EnsembleModel model, Ranker ranker, EnsembleUser user, int[] excluded,
			int limit, double[] work, int items) {
		double[] all = new double[items];
		for (int i = 0; i < items; i++) {
			all[i] = model.score(user, i);
		}
		TopN.exclude(all, excluded);
		int[] expected = TopN.select(all, items, limit);
		int[] index = new int[limit];
		double[] score = new double[limit];
		int n = ranker.top(user, excluded, excluded.length, new TopN(limit), work, index, score);
		assertThat(java.util.Arrays.copyOf(index, n)).isEqualTo(expected);
		for (int k = 0; k < n; k++) {
			assertThat(score[k]).isEqualTo(all[index[k]]);
		}
		assertThat(work).as("the work buffer is left clean").containsOnly(0.0);
	}

}
