package io.mixrec.em.eval;

/**
 * The figures of one recommender on one train/test split. Ranking figures are NaN when
 * the recommender cannot rank or no test user has a relevant item; the accuracy figures
 * are NaN when the test set is empty.
 *
 * @param rmse root mean squared error over all test ratings, predictions clamped to the
 * training scale
 * @param mae mean absolute error over the same
 * @param precisionAtN hits in the top N / N, averaged over ranked users
 * @param recallAtN hits in the top N / relevant items, averaged over ranked users
 * @param ndcgAtN binary-gain NDCG at N, averaged over ranked users
 * @param usersRanked test users with at least one relevant item, who were ranked
 * @param testRatings ratings in the test set
 */
public record EvaluationResult(double rmse, double mae, double precisionAtN, double recallAtN, double ndcgAtN,
		int usersRanked, int testRatings) {
}
