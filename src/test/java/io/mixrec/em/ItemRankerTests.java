package io.mixrec.em;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The ranker selects exactly what scoring every item with {@link MixtureModel#scores} and
 * {@link TopN#select} selects, scores included, for every score, cold and warm users,
 * posteriors with zero and negligible clusters, with and without exclusions, and limits
 * up to beyond the catalogue.
 */
class ItemRankerTests {

	private static final int USERS = 300;

	private static final int ITEMS = 150;

	private static RatingMatrix planted() {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		new PlantedMixture(USERS, ITEMS, 6000, 4, 7).generate(builder::add);
		return builder.build(USERS, ITEMS);
	}

	private static MixtureModel fit(EmOptions options, RatingMatrix train) {
		return new MixtureFitter(options.toBuilder().threads(1).maxIterations(30).seed(3).build()).fit(train).model();
	}

	@Test
	void selectsWhatScoringEveryItemSelects() {
		RatingMatrix train = planted();
		MixtureModel withPresence = fit(EmOptions.defaults(4), train);
		MixtureModel classic = fit(EmOptions.classic(4), train);
		int zeroPosteriors = 0;
		int negligiblePosteriors = 0;
		for (RankingScore score : RankingScore.values()) {
			for (MixtureModel model : new MixtureModel[] { withPresence, classic }) {
				if (score != RankingScore.PREDICTED_RATING && !model.hasPresence()) {
					continue;
				}
				ItemRanker ranker = new ItemRanker(model, score);
				SplittableRandom random = new SplittableRandom(11);
				double[] work = new double[ITEMS];
				for (int u = 0; u <= USERS; u++) {
					// u == USERS: a cold start
					UserPosterior user = (u < USERS) ? model.foldIn(train, u)
							: model.foldIn(new int[0], new float[0], 0);
					if (u % 2 == 1) {
						// users with many ratings have posteriors that underflow to 0
						user = withZeros(user, random);
					}
					zeroPosteriors += (int) Arrays.stream(user.probabilities()).filter((p) -> p == 0).count();
					negligiblePosteriors += (int) Arrays.stream(user.probabilities())
						.filter((p) -> p > 0 && p < ItemRanker.NEGLIGIBLE)
						.count();
					int[] excluded = excluded(train, u, random);
					int limit = (u % 50 == 7) ? ITEMS + 5 : 1 + random.nextInt(40);
					assertSameSelection(ranker, user, excluded, limit, work);
				}
			}
		}
		assertThat(zeroPosteriors).as("the zero-posterior shortcut is exercised").isPositive();
		assertThat(negligiblePosteriors).as("the bound of negligible clusters is exercised").isPositive();
	}

	@Test
	void returnsEveryItemNotExcludedWhenTheLimitExceedsThem() {
		RatingMatrix train = planted();
		MixtureModel model = fit(EmOptions.defaults(3), train);
		ItemRanker ranker = new ItemRanker(model, RankingScore.RATE_AND_LIKE);
		int[] excluded = { 0, 5, 7, 5 };
		int[] index = new int[ITEMS + 10];
		double[] score = new double[ITEMS + 10];
		double[] work = new double[ITEMS];
		int n = ranker.top(model.foldIn(train, 1), excluded, excluded.length, new TopN(ITEMS + 10), work, index, score);
		assertThat(n).isEqualTo(ITEMS - 3);
		assertThat(Arrays.copyOf(index, n)).doesNotContain(0, 5, 7).doesNotHaveDuplicates();
		for (int k = 1; k < n; k++) {
			assertThat(score[k]).isLessThanOrEqualTo(score[k - 1]);
		}
		// the next call with the same buffer starts from clean markers
		n = ranker.top(model.foldIn(train, 1), new int[0], 0, new TopN(ITEMS), work, index, score);
		assertThat(n).isEqualTo(ITEMS);
	}

	@Test
	void aUserWithEveryPosteriorBelowTheNegligibleLevelStillGetsItems() {
		// K = 20,000 equal weights: a cold start's posterior is 5e-5 for every cluster
		int k = 20_000;
		int d = 3;
		double[] weights = new double[k];
		Arrays.fill(weights, 1.0 / k);
		double[] variances = new double[k];
		Arrays.fill(variances, 1);
		double[] presence = new double[k * d];
		for (int q = 0; q < presence.length; q++) {
			presence[q] = (q % d + 1) / 6.0;
		}
		MixtureModel model = MixtureModel.of(Baseline.none(d), weights, variances, new double[k * d], presence, 0.3,
				3.5);
		UserPosterior cold = model.foldIn(new int[0], new float[0], 0);
		assertThat(cold.probabilities()[0]).isLessThan(ItemRanker.NEGLIGIBLE);
		double[] scores = new double[d];
		model.scores(cold, RankingScore.RATE_PROBABILITY, scores);
		int[] index = new int[d];
		double[] score = new double[d];
		int n = new ItemRanker(model, RankingScore.RATE_PROBABILITY).top(cold, new int[0], 0, new TopN(d),
				new double[d], index, score);
		assertThat(Arrays.copyOf(index, n)).containsExactly(TopN.select(scores, d, d));
	}

	@Test
	void presenceScoresNeedThePresenceModel() {
		MixtureModel classic = fit(EmOptions.classic(2), planted());
		assertThatIllegalArgumentException().isThrownBy(() -> new ItemRanker(classic, RankingScore.RATE_AND_LIKE));
	}

	@Test
	void aNegligibleClusterStillCountsForTheItemItFavours() {
		// cluster 0 spreads its ratings evenly, cluster 1 rates only item 7; a user
		// almost
		// surely in cluster 0 prefers item 7 only because of cluster 1's tiny share
		int d = 10;
		double[] presence = new double[2 * d];
		for (int i = 0; i < d; i++) {
			presence[2 * i] = 0.1;
		}
		presence[0] += 0.00002;
		presence[2 * 7] -= 0.00002;
		presence[2 * 7 + 1] = 1;
		MixtureModel model = MixtureModel.of(Baseline.none(d), new double[] { 0.5, 0.5 }, new double[] { 1, 1 },
				new double[2 * d], presence, 0.3, 3.5);
		double tiny = 0.9 * ItemRanker.NEGLIGIBLE;
		UserPosterior user = new UserPosterior(0, new double[] { 1 - tiny, tiny }, 5, -1);
		double[] scores = new double[d];
		model.scores(user, RankingScore.RATE_PROBABILITY, scores);
		assertThat(TopN.select(scores, d, 1)).containsExactly(7);
		int[] index = new int[1];
		int n = new ItemRanker(model, RankingScore.RATE_PROBABILITY).top(user, new int[0], 0, new TopN(1),
				new double[d], index, new double[1]);
		assertThat(n).isEqualTo(1);
		assertThat(index[0]).isEqualTo(7);
	}

	private static UserPosterior withZeros(UserPosterior user, SplittableRandom random) {
		double[] post = user.probabilities().clone();
		int keep = random.nextInt(post.length);
		double sum = 0;
		for (int j = 0; j < post.length; j++) {
			if (j != keep) {
				// exactly 0, or small enough to be left out of the pass over all items
				double[] small = { 0, 0, 1e-9, 3e-6, 0.9 * ItemRanker.NEGLIGIBLE, post[j] };
				post[j] = small[random.nextInt(small.length)];
			}
			sum += post[j];
		}
		for (int j = 0; j < post.length; j++) {
			post[j] /= sum;
		}
		return new UserPosterior(user.userBias(), post, user.ratingsUsed(), user.logLikelihood());
	}

	private static int[] excluded(RatingMatrix train, int u, SplittableRandom random) {
		int rated = (u < train.users() && random.nextBoolean()) ? train.count(u) : 0;
		int extra = random.nextInt(5);
		int[] excluded = new int[rated + extra];
		for (int p = 0; p < rated; p++) {
			excluded[p] = train.item(train.start(u) + p);
		}
		for (int e = 0; e < extra; e++) {
			excluded[rated + e] = random.nextInt(ITEMS);
		}
		return excluded;
	}

	private static void assertSameSelection(ItemRanker ranker, UserPosterior user, int[] excluded, int limit,
			double[] work) {
		double[] scores = new double[ITEMS];
		ranker.model().scores(user, ranker.score(), scores);
		TopN.exclude(scores, excluded);
		int[] expected = TopN.select(scores, ITEMS, limit);
		int[] index = new int[limit];
		double[] score = new double[limit];
		int n = ranker.top(user, excluded, excluded.length, new TopN(limit), work, index, score);
		assertThat(work).as("the buffer is handed back cleared").containsOnly(0.0);
		assertThat(Arrays.copyOf(index, n)).containsExactly(expected);
		for (int k = 0; k < n; k++) {
			assertThat(score[k]).isEqualTo(scores[expected[k]]);
		}
	}

}
