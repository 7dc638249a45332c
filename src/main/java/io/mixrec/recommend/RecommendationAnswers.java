package io.mixrec.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mixrec.em.FittedModel;
import io.mixrec.em.FoldedUser;
import io.mixrec.em.TopN;
import io.mixrec.model.ClusterProfile;
import io.mixrec.model.ModelSnapshot;

/**
 * The answers of the recommendations API, computed from a serving model and a user's
 * current ratings, folded in ({@link #fold}: the model's state of the user, such as the
 * damped bias and the posterior over clusters).
 *
 * <p>
 * Ranking ({@link io.mixrec.em.Ranker}) needs one per-thread buffer of items doubles,
 * reused across requests; top-N is a bounded heap, never a sort of the catalogue.
 * Thread-safe.
 */
final class RecommendationAnswers {

	/** Score buffer per request thread, sized to the largest model seen. */
	private static final ThreadLocal<double[]> WORK = ThreadLocal.withInitial(() -> new double[0]);

	private final double minRating;

	private final double maxRating;

	private final RecommendProperties properties;

	/**
	 * @param minRating the lowest rating, to which predictions are clamped
	 * @param maxRating the highest rating
	 * @param properties the API's settings
	 */
	RecommendationAnswers(double minRating, double maxRating, RecommendProperties properties) {
		this.minRating = minRating;
		this.maxRating = maxRating;
		this.properties = properties;
	}

	RecommendationsView recommendations(ServingModel serving, String userId, Folded user, RecommendationQuery query) {
		ModelSnapshot snapshot = serving.snapshot();
		FittedModel model = serving.model();
		FoldedUser folded = user.state();
		int[] excluded = new int[(query.includeRated() ? 0 : user.count()) + query.exclude().size()];
		int excludedCount = 0;
		if (!query.includeRated()) {
			System.arraycopy(user.items(), 0, excluded, 0, user.count());
			excludedCount = user.count();
		}
		for (String itemId : query.exclude()) {
			int column = snapshot.column(itemId);
			if (column >= 0) {
				excluded[excludedCount++] = column;
			}
		}
		int wanted = (int) Math.min((long) query.offset() + query.limit(), model.items());
		int[] index = new int[wanted];
		double[] score = new double[wanted];
		int found = serving.ranker()
			.top(folded, excluded, excludedCount, new TopN(wanted), work(model.items()), index, score);
		List<RecommendationsView.Item> items = new ArrayList<>(Math.max(0, found - query.offset()));
		for (int k = query.offset(); k < found; k++) {
			int i = index[k];
			items.add(new RecommendationsView.Item(snapshot.itemIds()[i], snapshot.titles()[i], score[k],
					clamp(folded.predict(i)), folded.stdDev(i)));
		}
		return new RecommendationsView(userId, snapshot.version(), folded.coldStart(), folded.ratingsUsed(),
				serving.rankingName(), topClusters(folded, this.properties.topClusters()), query.offset(), items);
	}

	PredictionsView predictions(ServingModel serving, String userId, Folded user, List<String> itemIds) {
		ModelSnapshot snapshot = serving.snapshot();
		FoldedUser folded = user.state();
		List<PredictionsView.Prediction> predictions = new ArrayList<>(itemIds.size());
		for (String itemId : itemIds) {
			int column = snapshot.column(itemId);
			if (column >= 0) {
				predictions.add(new PredictionsView.Prediction(itemId, clamp(folded.predict(column)),
						folded.stdDev(column), true));
			}
			else {
				predictions.add(folded.predictUnknownItem()
					.map((p) -> new PredictionsView.Prediction(itemId, clamp(p.rating()), p.stdDev(), false))
					.orElseGet(() -> new PredictionsView.Prediction(itemId, null, null, false)));
			}
		}
		return new PredictionsView(userId, snapshot.version(), folded.coldStart(), predictions);
	}

	UserClustersView userClusters(ServingModel serving, String userId, Folded user) {
		ModelSnapshot snapshot = serving.snapshot();
		FoldedUser folded = user.state();
		double[] probabilities = folded.clusterProbabilities();
		int k = serving.model().clusters();
		int[] order = TopN.select(probabilities, k, k);
		int size = this.properties.explanationItems();
		List<UserClustersView.Cluster> clusters = new ArrayList<>(k);
		for (int j : order) {
			ClusterProfile profile = snapshot.profiles().get(j);
			clusters.add(new UserClustersView.Cluster(j, probabilities[j], profile.weight(),
					first(profile.likedMost(), size), first(profile.ratedMost(), size)));
		}
		return new UserClustersView(userId, snapshot.version(), folded.coldStart(), folded.ratingsUsed(), clusters);
	}

	/**
	 * Folds a user in from their ratings of items the model knows, taken in model column
	 * order (the order of a training row, so the result is the engine's to the last bit).
	 * @param model the model
	 * @param columns model columns of the rated items, any order, each once; reordered
	 * @param values the ratings, reordered with them
	 * @param n number of entries to use
	 * @return the folded-in user
	 */
	static Folded fold(FittedModel model, int[] columns, float[] values, int n) {
		if (!increasing(columns, n)) {
			sortByColumn(columns, values, n);
		}
		return new Folded(model.fold(columns, values, n), columns, n);
	}

	/**
	 * Whether the columns are already in order: they are when the model's columns follow
	 * the item keys (a refit numbers them so), as the ratings are read in key order.
	 */
	private static boolean increasing(int[] columns, int n) {
		for (int p = 1; p < n; p++) {
			if (columns[p] <= columns[p - 1]) {
				return false;
			}
		}
		return true;
	}

	private static void sortByColumn(int[] columns, float[] values, int n) {
		long[] packed = new long[n];
		for (int p = 0; p < n; p++) {
			packed[p] = ((long) columns[p] << 32) | (Float.floatToRawIntBits(values[p]) & 0xFFFFFFFFL);
		}
		Arrays.sort(packed);
		for (int p = 0; p < n; p++) {
			columns[p] = (int) (packed[p] >>> 32);
			values[p] = Float.intBitsToFloat((int) packed[p]);
		}
	}

	private static List<ClusterShare> topClusters(FoldedUser user, int count) {
		double[] post = user.clusterProbabilities();
		int[] top = TopN.select(post, post.length, Math.min(count, post.length));
		List<ClusterShare> shares = new ArrayList<>(top.length);
		for (int j : top) {
			shares.add(new ClusterShare(j, post[j]));
		}
		return shares;
	}

	private double clamp(double rating) {
		return Math.min(this.maxRating, Math.max(this.minRating, rating));
	}

	private static <T> List<T> first(List<T> list, int size) {
		return (list.size() <= size) ? list : list.subList(0, size);
	}

	private static double[] work(int items) {
		double[] work = WORK.get();
		if (work.length < items) {
			work = new double[items];
			WORK.set(work);
		}
		return work;
	}

	/**
	 * A folded-in user.
	 *
	 * @param state the model's state of the user
	 * @param items model columns of the rated items the model knows, ascending
	 * @param count their number
	 */
	record Folded(FoldedUser state, int[] items, int count) {
	}

	/**
	 * What a client asked for.
	 *
	 * @param limit items to return
	 * @param offset rank of the first one, from 0
	 * @param exclude item ids never to return
	 * @param includeRated whether items the user rated may be returned
	 */
	record RecommendationQuery(int limit, int offset, List<String> exclude, boolean includeRated) {
	}

}
