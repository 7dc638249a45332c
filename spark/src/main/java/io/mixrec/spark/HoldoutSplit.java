package io.mixrec.spark;

import java.util.Arrays;
import java.util.List;

import io.mixrec.em.FittedModel;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.RatingSplit;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.FittedRecommender;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The service's holdout on Spark: the ratings whose (user id, item id) hash below the
 * service's probability ({@link RatingSplit#heldOutByKey}) are held out of the fit, so
 * the same pairs are held out as in an in-process refit with the same fraction; the
 * candidate is then evaluated on them by the service's {@link Evaluator}.
 *
 * <p>
 * The evaluation runs on the driver over the held-out users' training rows (collected;
 * the held-out ratings are capped, their users' training ratings are not). It differs
 * from the service's in two details: users are numbered among the held-out users only, so
 * the users ranked for NDCG@10 are another sample of the same size; held-out ratings of
 * items without a training rating are left out (the Spark fit has no column for them).
 *
 * @param train the ratings to fit
 * @param heldOut the held-out ratings, {@code user_id, item_id, rating}
 * @param probability the probability that held a pair out, which the version records for
 * the service's gate to hold out the same pairs
 */
record HoldoutSplit(Dataset<Row> train, List<Row> heldOut, double probability) {

	static HoldoutSplit of(Dataset<Row> ratings, double fraction, int maxHeldOut) {
		double p = RatingSplit.keyProbability(ratings.count(), fraction, maxHeldOut);
		List<Row> heldOut = ratings
			.filter((FilterFunction<Row>) (r) -> RatingSplit.heldOutByKey(r.getLong(0), r.getLong(1), p))
			.collectAsList();
		Dataset<Row> train = ratings
			.filter((FilterFunction<Row>) (r) -> !RatingSplit.heldOutByKey(r.getLong(0), r.getLong(1), p));
		return new HoldoutSplit(train, heldOut, p);
	}

	/**
	 * @param model the candidate
	 * @param itemIds its columns' ids
	 * @param rankingUsers users ranked for NDCG@10 at most
	 * @return the figures, as the service computes them
	 */
	EvaluationResult evaluate(FittedModel model, long[] itemIds, int rankingUsers) {
		long[] users = this.heldOut.stream().mapToLong((r) -> r.getLong(0)).distinct().sorted().toArray();
		List<Row> trainRows = this.train
			.filter((FilterFunction<Row>) (r) -> Arrays.binarySearch(users, r.getLong(0)) >= 0)
			.collectAsList();
		RatingMatrix trained = matrix(trainRows, users, itemIds);
		RatingMatrix test = matrix(this.heldOut, users, itemIds);
		return new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD,
				Math.max(1, Runtime.getRuntime().availableProcessors()), rankingUsers)
			.evaluate(new FittedRecommender(model, trained), trained, test);
	}

	/** The rows of items the model knows, users numbered by their place in users. */
	private static RatingMatrix matrix(List<Row> rows, long[] users, long[] itemIds) {
		int[] user = new int[rows.size()];
		int[] item = new int[rows.size()];
		float[] value = new float[rows.size()];
		int n = 0;
		for (Row r : rows) {
			int i = Arrays.binarySearch(itemIds, r.getLong(1));
			if (i >= 0) {
				user[n] = Arrays.binarySearch(users, r.getLong(0));
				item[n] = i;
				value[n++] = r.getFloat(2);
			}
		}
		return RatingMatrix.fromUniqueTriples(users.length, itemIds.length, Arrays.copyOf(user, n),
				Arrays.copyOf(item, n), Arrays.copyOf(value, n));
	}

}
