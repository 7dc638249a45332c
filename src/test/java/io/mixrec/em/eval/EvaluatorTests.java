package io.mixrec.em.eval;

import java.util.SplittableRandom;

import io.mixrec.em.RatingMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluation protocol on splits small enough to compute every figure by hand.
 */
class EvaluatorTests {

	private static final double EXACT = 1e-12;

	private static final double LOG2_3 = Math.log(3) / Math.log(2);

	/**
	 * Train (scale 1..5): u0 rated items 0 (5) and 1 (1); u1 item 2 (3); u2 item 5 (2).
	 * Test: u0 items 2 (4), 4 (5), 5 (2); u1 item 0 (3); u2 item 1 (4).
	 */
	private static RatingMatrix[] split() {
		RatingMatrix train = ratings(3, 6, new int[][] { { 0, 0, 5 }, { 0, 1, 1 }, { 1, 2, 3 }, { 2, 5, 2 } });
		RatingMatrix test = ratings(3, 6,
				new int[][] { { 0, 2, 4 }, { 0, 4, 5 }, { 0, 5, 2 }, { 1, 0, 3 }, { 2, 1, 4 } });
		return new RatingMatrix[] { train, test };
	}

	/** A users x items matrix of (user, item, rating) triples. */
	private static RatingMatrix ratings(int users, int items, int[][] triples) {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int[] triple : triples) {
			builder.add(triple[0], triple[1], triple[2]);
		}
		return builder.build(users, items);
	}

	/** Predicts item + 1.5 for everyone and ranks items in index order. */
	private static Recommender indexOrder() {
		return (user) -> new Recommender.UserScorer() {

			@Override
			public double predict(int item) {
				return item + 1.5;
			}

			@Override
			public void scores(double[] out) {
				for (int i = 0; i < out.length; i++) {
					out[i] = -i;
				}
			}

		};
	}

	@Test
	void computesClampedErrorsAndTopThreeByHand() {
		RatingMatrix[] split = split();
		EvaluationResult result = new Evaluator(3, 4, 1).evaluate(indexOrder(), split[0], split[1]);
		// predictions 3.5, 5.5 -> 5, 6.5 -> 5, 1.5, 2.5 against 4, 5, 2, 3, 4:
		// errors -0.5, 0, 3, -1.5, -1.5; squares sum 13.75; absolutes sum 6.5
		assertThat(result.testRatings()).isEqualTo(5);
		assertThat(result.rmse()).isCloseTo(Math.sqrt(13.75 / 5), within(EXACT));
		assertThat(result.mae()).isCloseTo(6.5 / 5, within(EXACT));
		// u0: candidates 2, 3, 4, 5 -> top 3 = [2, 3, 4], relevant {2, 4}: hits at ranks
		// 1
		// and 3, P = 2/3, R = 1, NDCG = (1 + 1/2) / (1 + 1/log2 3)
		// u1: no relevant item, not ranked
		// u2: candidates 0..4 -> top 3 = [0, 1, 2], relevant {1}: hit at rank 2,
		// P = 1/3, R = 1, NDCG = (1/log2 3) / 1; mean NDCG = (0.9197208 + 0.6309298) / 2
		assertThat(result.usersRanked()).isEqualTo(2);
		assertThat(result.precisionAtN()).isCloseTo(0.5, within(EXACT));
		assertThat(result.recallAtN()).isCloseTo(1.0, within(EXACT));
		double ndcg0 = 1.5 / (1 + 1 / LOG2_3);
		double ndcg2 = 1 / LOG2_3;
		assertThat(result.ndcgAtN()).isCloseTo((ndcg0 + ndcg2) / 2, within(EXACT));
		assertThat(result.ndcgAtN()).isCloseTo(0.7753253, within(1e-7));
	}

	@Test
	void dividesPrecisionByTheCutoffEvenWithFewerCandidates() {
		RatingMatrix[] split = split();
		EvaluationResult result = new Evaluator().evaluate(indexOrder(), split[0], split[1]);
		// top 10 holds every candidate: u0 hits 2 of 2, u2 hits 1 of 1
		// P = (2/10 + 1/10) / 2 = 0.15; R = 1
		// u0 DCG = 1 + 1/log2 4 = 1.5 over IDCG 1 + 1/log2 3; u2 DCG = 1/log2 3 over 1
		assertThat(result.precisionAtN()).isCloseTo(0.15, within(EXACT));
		assertThat(result.recallAtN()).isCloseTo(1.0, within(EXACT));
		assertThat(result.ndcgAtN()).isCloseTo((1.5 / (1 + 1 / LOG2_3) + 1 / LOG2_3) / 2, within(EXACT));
	}

	@Test
	void popularityRanksByTrainingCountAndPredictsTheMean() {
		// train: item 0 rated by u0, u1, u2; item 1 by u1, u2; item 2 by u2; mean 3
		// item 3 has no training ratings
		RatingMatrix train = ratings(3, 4,
				new int[][] { { 0, 0, 3 }, { 1, 0, 3 }, { 1, 1, 3 }, { 2, 0, 3 }, { 2, 1, 3 }, { 2, 2, 3 } });
		// u0 likes 1 (rank 1 of candidates 1, 2, 3) and the unseen 3 (rank 3); u1 likes 2
		RatingMatrix test = ratings(3, 4, new int[][] { { 0, 1, 4 }, { 0, 3, 5 }, { 1, 2, 5 } });
		EvaluationResult result = new Evaluator(2, 4, 1).evaluate(new PopularityRecommender(train), train, test);
		// errors 1, 2, 2: RMSE = sqrt(9 / 3), MAE = 5 / 3
		assertThat(result.rmse()).isCloseTo(Math.sqrt(3), within(EXACT));
		assertThat(result.mae()).isCloseTo(5.0 / 3, within(EXACT));
		// u0 top 2 = [1, 2]: 1 hit, P = 1/2, R = 1/2, NDCG = 1 / (1 + 1/log2 3)
		// u1 top 2 = [2, 3]: 1 hit at rank 1, P = 1/2, R = 1, NDCG = 1
		assertThat(result.usersRanked()).isEqualTo(2);
		assertThat(result.precisionAtN()).isCloseTo(0.5, within(EXACT));
		assertThat(result.recallAtN()).isCloseTo(0.75, within(EXACT));
		assertThat(result.ndcgAtN()).isCloseTo((1 / (1 + 1 / LOG2_3) + 1) / 2, within(EXACT));
	}

	@Test
	void ranksUsersWithoutTrainingRowAsColdStart() {
		RatingMatrix train = ratings(1, 3, new int[][] { { 0, 0, 1 }, { 0, 1, 5 } });
		// user 1 only exists in the test set and gets nothing excluded
		RatingMatrix test = ratings(2, 3, new int[][] { { 1, 0, 5 } });
		EvaluationResult result = new Evaluator(1, 4, 1).evaluate(new PopularityRecommender(train), train, test);
		// popularity ties 1 : 1 : 0, lower index first: top 1 = [0], a hit
		assertThat(result.usersRanked()).isEqualTo(1);
		assertThat(result.precisionAtN()).isEqualTo(1.0);
		assertThat(result.ndcgAtN()).isEqualTo(1.0);
		// global mean 3 against 5
		assertThat(result.rmse()).isCloseTo(2, within(EXACT));
	}

	@Test
	void reportsNoRankingForTheGlobalMean() {
		RatingMatrix[] split = split();
		EvaluationResult result = new Evaluator().evaluate(new GlobalMeanRecommender(split[0]), split[0], split[1]);
		// train mean 11/4 = 2.75 against 4, 5, 2, 3, 4: squares 1.5625 + 5.0625 + 0.5625
		// + 0.0625 + 1.5625 = 8.8125
		assertThat(result.rmse()).isCloseTo(Math.sqrt(8.8125 / 5), within(EXACT));
		assertThat(result.mae()).isCloseTo((1.25 + 2.25 + 0.75 + 0.25 + 1.25) / 5, within(EXACT));
		assertThat(result.usersRanked()).isZero();
		assertThat(result.precisionAtN()).isNaN();
		assertThat(result.ndcgAtN()).isNaN();
	}

	@Test
	void biasesRankBetterItemsFirst() {
		// item 1 is rated 5 by everyone, item 0 1 by everyone; u3 rated nothing of them
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int u = 0; u < 3; u++) {
			builder.add(u, 0, 1).add(u, 1, 5);
		}
		builder.add(3, 2, 3);
		RatingMatrix train = builder.build(4, 3);
		BiasRecommender biases = new BiasRecommender(train);
		assertThat(biases.predict(3, 1)).isGreaterThan(biases.predict(3, 2)).isGreaterThan(biases.predict(3, 0));
		RatingMatrix test = ratings(4, 3, new int[][] { { 3, 1, 5 } });
		EvaluationResult result = new Evaluator(1, 4, 1).evaluate(biases, train, test);
		assertThat(result.precisionAtN()).isEqualTo(1.0);
	}

	@Test
	void resultDoesNotDependOnThreads() {
		SplittableRandom random = new SplittableRandom(7);
		RatingMatrix.Builder train = RatingMatrix.builder();
		RatingMatrix.Builder test = RatingMatrix.builder();
		for (int u = 0; u < 500; u++) {
			for (int n = 0; n < 30; n++) {
				(random.nextInt(5) == 0 ? test : train).add(u, random.nextInt(200), 1 + random.nextInt(5));
			}
		}
		RatingMatrix trainMatrix = train.build(500, 200);
		RatingMatrix testMatrix = test.build(500, 200);
		BiasRecommender biases = new BiasRecommender(trainMatrix);
		EvaluationResult one = new Evaluator(10, 4, 1).evaluate(biases, trainMatrix, testMatrix);
		EvaluationResult three = new Evaluator(10, 4, 3).evaluate(biases, trainMatrix, testMatrix);
		assertThat(three).isEqualTo(one);
		assertThat(one.usersRanked()).isGreaterThan(400);
	}

	@Test
	void rejectsTestItemsOutsideTheTrainingColumns() {
		RatingMatrix train = ratings(1, 1, new int[][] { { 0, 0, 1 } });
		RatingMatrix test = ratings(1, 2, new int[][] { { 0, 1, 1 } });
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Evaluator().evaluate(new GlobalMeanRecommender(train), train, test))
			.withMessageContaining("2 items");
	}

	@Test
	void rejectsBadSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Evaluator(0, 4, 1)).withMessageContaining("0");
	}

}
