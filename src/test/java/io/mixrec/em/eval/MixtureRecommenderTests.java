package io.mixrec.em.eval;

import java.util.SplittableRandom;

import io.mixrec.em.EmOptions;
import io.mixrec.em.FitResult;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RankingScore;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.UserPosterior;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The mixture as a recommender answers exactly what the model answers for the folded-in
 * training row.
 */
class MixtureRecommenderTests {

	private static RatingMatrix randomMatrix(int users, int items) {
		SplittableRandom random = new SplittableRandom(3);
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int u = 0; u < users; u++) {
			for (int n = 0; n < 12; n++) {
				builder.add(u, random.nextInt(items), 1 + random.nextInt(5));
			}
		}
		return builder.build(users, items);
	}

	private static FitResult fit(EmOptions options, RatingMatrix train) {
		return new MixtureFitter(options.toBuilder().threads(1).maxIterations(20).build()).fit(train);
	}

	@Test
	void predictsAndScoresLikeTheModel() {
		RatingMatrix train = randomMatrix(60, 40);
		FitResult fit = fit(EmOptions.defaults(3), train);
		MixtureModel model = fit.model();
		MixtureRecommender recommender = new MixtureRecommender(fit, train);
		assertThat(recommender.ranking()).isEqualTo(RankingScore.RATE_AND_LIKE);
		UserPosterior posterior = model.foldIn(train, 5);
		Recommender.UserScorer scorer = recommender.forUser(5);
		double[] expected = new double[40];
		double[] actual = new double[40];
		model.scores(posterior, RankingScore.RATE_AND_LIKE, expected);
		scorer.scores(actual);
		assertThat(actual).containsExactly(expected);
		for (int i = 0; i < 40; i++) {
			assertThat(scorer.predict(i)).isEqualTo(model.predict(posterior, i));
		}
	}

	@Test
	void foldsInUsersWithoutTrainingRowAsColdStart() {
		RatingMatrix train = randomMatrix(30, 20);
		FitResult fit = fit(EmOptions.classic(2), train);
		MixtureModel model = fit.model();
		UserPosterior cold = new UserPosterior(0, model.weights(), 0, 0);
		assertThat(new MixtureRecommender(fit, train).predict(30, 4)).isEqualTo(model.predict(cold, 4));
	}

	@Test
	void rejectsPresenceRankingWithoutPresenceModel() {
		RatingMatrix train = randomMatrix(30, 20);
		FitResult fit = fit(EmOptions.classic(2), train);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MixtureRecommender(fit.model(), train, RankingScore.RATE_AND_LIKE))
			.withMessageContaining("RATE_AND_LIKE");
	}

}
