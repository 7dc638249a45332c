package io.mixrec.recommend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.mixrec.em.EmOptions;
import io.mixrec.em.FittedModel;
import io.mixrec.em.Kernels;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.MixtureUser;
import io.mixrec.em.PlantedMixture;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.UserPosterior;
import io.mixrec.model.ClusterProfile;
import io.mixrec.model.ModelSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recommendation logic on a model fitted in memory: fold-in as the engine does it,
 * exclusions, paging, cold start, predictions of unknown items, the posterior view.
 */
class RecommendationAnswersTests {

	private static final int USERS = 200;

	private static final int ITEMS = 80;

	private static final RecommendProperties PROPERTIES = new RecommendProperties(10, 1000, 1000, 3, 2,
			Duration.ofSeconds(60));

	private static RatingMatrix train;

	private static ServingModel centred;

	private static ServingModel classic;

	private final RecommendationAnswers recommender = new RecommendationAnswers(1, 5, PROPERTIES);

	@BeforeAll
	static void fit() {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		new PlantedMixture(USERS, ITEMS, 4000, 3, 5).generate(builder::add);
		train = builder.build(USERS, ITEMS);
		centred = serving(fit(EmOptions.defaults(3)));
		classic = serving(fit(EmOptions.classic(3)));
	}

	private static MixtureModel fit(EmOptions options) {
		return new MixtureFitter(options.toBuilder().threads(1).seed(1).maxIterations(40).build()).fit(train).model();
	}

	private static ServingModel serving(FittedModel model) {
		String[] ids = new String[ITEMS];
		String[] titles = new String[ITEMS];
		Map<String, Integer> columnOf = new HashMap<>();
		for (int i = 0; i < ITEMS; i++) {
			ids[i] = "i" + i;
			titles[i] = (i % 2 == 0) ? "Title " + i : null;
			columnOf.put(ids[i], i);
		}
		List<ClusterProfile> profiles = new ArrayList<>();
		for (int j = 0; j < model.clusters(); j++) {
			List<ClusterProfile.Item> items = List.of(new ClusterProfile.Item("i1", null, 1),
					new ClusterProfile.Item("i2", "Title 2", 0.5), new ClusterProfile.Item("i3", null, 0.25));
			profiles.add(new ClusterProfile(j, model.clusterWeight(j), model.clusterVariance(j), 10, items, items));
		}
		long[] keys = new long[ITEMS];
		for (int i = 0; i < ITEMS; i++) {
			keys[i] = 1000 - i;
		}
		return ServingModel.of(new ModelSnapshot(7, model, keys, ids, titles, Map.copyOf(columnOf),
				new int[model.clusters()], Instant.now(), null, null, null, null, profiles), keys, Kernels.scalar());
	}

	/** The training row of user u, folded in from its ratings in a shuffled order. */
	private static RecommendationAnswers.Folded user(ServingModel serving, int u) {
		List<Integer> order = new ArrayList<>();
		for (int p = train.start(u); p < train.end(u); p++) {
			order.add(p);
		}
		Collections.shuffle(order, new Random(u));
		int[] columns = new int[order.size()];
		float[] values = new float[order.size()];
		for (int k = 0; k < order.size(); k++) {
			columns[k] = train.item(order.get(k));
			values[k] = train.value(order.get(k));
		}
		return RecommendationAnswers.fold(serving.snapshot().model(), columns, values, columns.length);
	}

	private static MixtureModel mixture(ServingModel serving) {
		return (MixtureModel) serving.snapshot().model();
	}

	private static UserPosterior posterior(RecommendationAnswers.Folded folded) {
		return ((MixtureUser) folded.state()).posterior();
	}

	private static RecommendationAnswers.Folded nobody(ServingModel serving) {
		return RecommendationAnswers.fold(serving.snapshot().model(), new int[0], new float[0], 0);
	}

	private static List<String> rated(int u) {
		List<String> ids = new ArrayList<>();
		for (int p = train.start(u); p < train.end(u); p++) {
			ids.add("i" + train.item(p));
		}
		return ids;
	}

	private static RecommendationAnswers.RecommendationQuery query(int limit, int offset, List<String> exclude,
			boolean includeRated) {
		return new RecommendationAnswers.RecommendationQuery(limit, offset, exclude, includeRated);
	}

	@Test
	void foldsInExactlyAsTheEngineFoldsInATrainingRow() {
		for (int u = 0; u < USERS; u += 17) {
			UserPosterior posterior = posterior(user(centred, u));
			UserPosterior engine = mixture(centred).foldIn(train, u);
			assertThat(posterior.probabilities()).containsExactly(engine.probabilities());
			assertThat(posterior.userBias()).isEqualTo(engine.userBias());
			assertThat(posterior.ratingsUsed()).isEqualTo(train.count(u));
		}
	}

	@Test
	void foldsInRatingsAlreadyInColumnOrderAsTheEngineDoes() {
		for (int u = 0; u < USERS; u += 17) {
			int n = train.count(u);
			int[] columns = new int[n];
			float[] values = new float[n];
			for (int p = 0; p < n; p++) {
				columns[p] = train.item(train.start(u) + p);
				values[p] = train.value(train.start(u) + p);
			}
			int[] read = columns.clone();
			UserPosterior posterior = posterior(
					RecommendationAnswers.fold(centred.snapshot().model(), columns, values, n));
			assertThat(posterior.probabilities()).containsExactly(mixture(centred).foldIn(train, u).probabilities());
			assertThat(columns).containsExactly(read);
		}
	}

	@Test
	void mapsItemKeysToModelColumns() {
		assertThat(centred.column(1000)).isZero();
		assertThat(centred.column(1000 - 79)).isEqualTo(79);
		assertThat(centred.column(5)).isEqualTo(-1);
	}

	@Test
	void excludesRatedAndExcludedItemsAndSortsByScore() {
		int u = 3;
		List<String> rated = rated(u);
		RecommendationsView view = this.recommender.recommendations(centred, "u3", user(centred, u),
				query(ITEMS, 0, List.of("i0", "i1", "no-such-item"), false));
		List<String> ids = view.items().stream().map(RecommendationsView.Item::itemId).toList();
		assertThat(ids)
			.hasSize(ITEMS - rated.size() - 2 + (rated.contains("i0") ? 1 : 0) + (rated.contains("i1") ? 1 : 0))
			.doesNotContainAnyElementsOf(rated)
			.doesNotContain("i0", "i1")
			.doesNotHaveDuplicates();
		for (int k = 1; k < view.items().size(); k++) {
			assertThat(view.items().get(k).score()).isLessThanOrEqualTo(view.items().get(k - 1).score());
		}
		assertThat(view.coldStart()).isFalse();
		assertThat(view.modelVersion()).isEqualTo(7);
		assertThat(view.ranking()).isEqualTo("rate-and-like");
		assertThat(view.clusters()).hasSize(3);
		assertThat(view.items().get(0).title()).isEqualTo(
				(Integer.parseInt(ids.get(0).substring(1)) % 2 == 0) ? "Title " + ids.get(0).substring(1) : null);
	}

	@Test
	void includeRatedLetsRatedItemsBackIn() {
		RecommendationsView view = this.recommender.recommendations(centred, "u3", user(centred, 3),
				query(ITEMS, 0, List.of(), true));
		assertThat(view.items()).hasSize(ITEMS);
	}

	@Test
	void pagesAreSlicesOfOneRanking() {
		List<RecommendationsView.Item> all = this.recommender
			.recommendations(centred, "u5", user(centred, 5), query(30, 0, List.of(), false))
			.items();
		List<RecommendationsView.Item> page = this.recommender
			.recommendations(centred, "u5", user(centred, 5), query(10, 10, List.of(), false))
			.items();
		assertThat(page).containsExactlyElementsOf(all.subList(10, 20));
		assertThat(this.recommender.recommendations(centred, "u5", user(centred, 5), query(10, ITEMS, List.of(), false))
			.items()).isEmpty();
	}

	@Test
	void predictedRatingsAreTheModelsClampedToTheScale() {
		MixtureModel model = mixture(centred);
		RecommendationsView view = this.recommender.recommendations(centred, "u8", user(centred, 8),
				query(20, 0, List.of(), false));
		UserPosterior posterior = model.foldIn(train, 8);
		for (RecommendationsView.Item item : view.items()) {
			int column = Integer.parseInt(item.itemId().substring(1));
			assertThat(item.predictedRating()).isEqualTo(Math.min(5, Math.max(1, model.predict(posterior, column))))
				.isBetween(1.0, 5.0);
			assertThat(item.stdDev()).isEqualTo(model.predictiveStdDev(posterior, column)).isPositive();
		}
	}

	@Test
	void coldStartUsesTheWeightsAndStillRecommends() {
		for (RecommendationAnswers.Folded ratings : List.of(nobody(centred))) {
			RecommendationsView view = this.recommender.recommendations(centred, "nobody", ratings,
					query(10, 0, List.of(), false));
			assertThat(view.coldStart()).isTrue();
			assertThat(view.ratingsUsed()).isZero();
			assertThat(view.items()).hasSize(10);
			UserClustersView clusters = this.recommender.userClusters(centred, "nobody", ratings);
			for (UserClustersView.Cluster cluster : clusters.clusters()) {
				assertThat(cluster.probability()).isEqualTo(cluster.weight());
			}
		}
	}

	@Test
	void predictsKnownItemsAndTheBaselineForUnknownOnes() {
		MixtureModel model = mixture(centred);
		UserPosterior posterior = model.foldIn(train, 9);
		PredictionsView view = this.recommender.predictions(centred, "u9", user(centred, 9),
				List.of("i4", "unknown", "i4"));
		assertThat(view.predictions()).extracting(PredictionsView.Prediction::itemId)
			.containsExactly("i4", "unknown", "i4");
		PredictionsView.Prediction known = view.predictions().get(0);
		assertThat(known.known()).isTrue();
		assertThat(known.predictedRating()).isEqualTo(Math.min(5, Math.max(1, model.predict(posterior, 4))));
		PredictionsView.Prediction unknown = view.predictions().get(1);
		assertThat(unknown.known()).isFalse();
		assertThat(unknown.predictedRating())
			.isEqualTo(Math.min(5, Math.max(1, model.baseline().globalMean() + posterior.userBias())));
		assertThat(unknown.stdDev()).isPositive();

		PredictionsView uncentred = this.recommender.predictions(classic, "u9", user(classic, 9), List.of("unknown"));
		assertThat(uncentred.predictions().get(0).predictedRating()).isNull();
		assertThat(uncentred.predictions().get(0).stdDev()).isNull();
		assertThat(classic.rankingName()).isEqualTo("predicted-rating");
	}

	@Test
	void userClustersListTheWholePosteriorMostProbableFirst() {
		UserClustersView view = this.recommender.userClusters(centred, "u11", user(centred, 11));
		assertThat(view.clusters()).hasSize(3);
		double sum = 0;
		for (int k = 0; k < view.clusters().size(); k++) {
			sum += view.clusters().get(k).probability();
			if (k > 0) {
				assertThat(view.clusters().get(k).probability())
					.isLessThanOrEqualTo(view.clusters().get(k - 1).probability());
			}
			assertThat(view.clusters().get(k).likedMost()).hasSize(PROPERTIES.explanationItems());
		}
		assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
		assertThat(view.ratingsUsed()).isEqualTo(train.count(11));
	}

}
