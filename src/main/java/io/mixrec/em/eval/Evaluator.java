package io.mixrec.em.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mixrec.em.RatingMatrix;

/**
 * Measures a {@link Recommender} on a train/test split under the protocol of design.md
 * 1.2.
 *
 * <p>
 * Accuracy: RMSE and MAE over every test rating, each prediction clamped to the range of
 * the training ratings. Top-N: every test user with at least one relevant test rating
 * (value &gt;= the threshold, 4 by default) gets all items outside their training ratings
 * ranked; with {@code hits} relevant items among the top N,
 *
 * <pre>
 * P@N    = hits / N
 * R@N    = hits / |relevant|
 * NDCG@N = DCG / IDCG,  DCG = sum_{k=1..N} rel_k / log2(k + 1),
 *                       IDCG = sum_{k=1..min(|relevant|, N)} 1 / log2(k + 1)
 * </pre>
 *
 * each averaged over the ranked users. Train and test share index spaces: test rows at or
 * beyond the training matrix's rows are users without training ratings, and the training
 * matrix has a column for every item of the test set.
 *
 * <p>
 * Users are processed in parallel, but every user's figures land in their own slot and
 * are summed in user order, so the result does not depend on the thread count.
 */
public final class Evaluator {

	/** The N of the design's top-N figures. */
	public static final int DEFAULT_CUTOFF = 10;

	/** Ratings at or above this are relevant (design.md 1.2). */
	public static final double DEFAULT_RELEVANCE_THRESHOLD = 4;

	private static final int USERS_PER_TASK = 64;

	private final int cutoff;

	private final double relevanceThreshold;

	private final int threads;

	private final int maxRankedUsers;

	/** Top-10, relevance threshold 4, one thread. */
	public Evaluator() {
		this(DEFAULT_CUTOFF, DEFAULT_RELEVANCE_THRESHOLD, 1);
	}

	/**
	 * @param cutoff N, >= 1
	 * @param relevanceThreshold a test rating at or above it is relevant
	 * @param threads worker threads, >= 1; the result does not depend on it
	 */
	public Evaluator(int cutoff, double relevanceThreshold, int threads) {
		this(cutoff, relevanceThreshold, threads, Integer.MAX_VALUE);
	}

	/**
	 * An evaluator that ranks only a sample of users: ranking costs O(K x items) per
	 * user, which a refit cannot afford for every user of a large holdout. With {@code m}
	 * test users, every {@code ceil(m / maxRankedUsers)}-th user index is ranked; RMSE
	 * and MAE still cover every test rating.
	 * @param cutoff N, >= 1
	 * @param relevanceThreshold a test rating at or above it is relevant
	 * @param threads worker threads, >= 1; the result does not depend on it
	 * @param maxRankedUsers upper bound on users ranked for the top-N figures, >= 1
	 */
	public Evaluator(int cutoff, double relevanceThreshold, int threads, int maxRankedUsers) {
		if (maxRankedUsers < 1) {
			throw new IllegalArgumentException("maxRankedUsers must be >= 1, was " + maxRankedUsers);
		}
		this.maxRankedUsers = maxRankedUsers;
		if (cutoff < 1 || threads < 1 || !Double.isFinite(relevanceThreshold)) {
			throw new IllegalArgumentException("need cutoff >= 1, threads >= 1 and a finite threshold, had " + cutoff
					+ ", " + threads + " and " + relevanceThreshold);
		}
		this.cutoff = cutoff;
		this.relevanceThreshold = relevanceThreshold;
		this.threads = threads;
	}

	/**
	 * @param recommender the recommender, trained on {@code train}
	 * @param train training ratings: excluded from each user's ranking, and their range
	 * clamps predictions
	 * @param test held-out ratings in the same index spaces
	 * @return the figures
	 */
	public EvaluationResult evaluate(Recommender recommender, RatingMatrix train, RatingMatrix test) {
		if (test.items() > train.items()) {
			throw new IllegalArgumentException("test set has " + test.items() + " items but the training matrix only "
					+ train.items() + ": share the item index space");
		}
		int users = test.users();
		int stride = (int) Math.max(1, (users + (long) this.maxRankedUsers - 1) / this.maxRankedUsers);
		UserMetrics metrics = new UserMetrics(recommender, train, test, this.cutoff, this.relevanceThreshold, stride);
		if (this.threads == 1 || users <= USERS_PER_TASK) {
			metrics.run(0, users);
		}
		else {
			runParallel(metrics, users);
		}
		return metrics.summary();
	}

	private void runParallel(UserMetrics metrics, int users) {
		ExecutorService executor = Executors.newFixedThreadPool(this.threads, (task) -> {
			Thread worker = new Thread(task, "mixrec-evaluate");
			worker.setDaemon(true);
			return worker;
		});
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (int from = 0; from < users; from += USERS_PER_TASK) {
				int start = from;
				int end = Math.min(users, from + USERS_PER_TASK);
				tasks.add(executor.submit(() -> metrics.run(start, end)));
			}
			for (Future<?> task : tasks) {
				task.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("evaluation interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
	}

}
