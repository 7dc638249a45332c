package io.mixrec.em;

/**
 * A fitted model as the service serves it, whatever its kind: the single mixture of the
 * {@code classic} and {@code mixture} presets ({@link MixtureModel}) or the mixture
 * ensemble ({@link EnsembleModel}). Immutable and safe to share between threads.
 *
 * <p>
 * Serving folds a user in from their current ratings ({@link #fold}), then predicts and
 * ranks from what the fold-in computed. The clusters it explains users with are those of
 * its (first) user mixture.
 */
public sealed interface FittedModel permits MixtureModel, EnsembleModel {

	/**
	 * @return the number of items (model columns)
	 */
	int items();

	/**
	 * @return global mean, item biases and user damping (all 0 without centering)
	 */
	Baseline baseline();

	/**
	 * @return whether the model predicts around a fitted baseline, which is then also its
	 * prediction for an item it does not know
	 */
	boolean centred();

	/**
	 * @param kernels the sums fold-ins should run
	 * @return this model, folding users in with {@code kernels} (same results, other
	 * speed); shares every table with this one
	 */
	FittedModel using(Kernels kernels);

	/**
	 * Folds a user in.
	 * @param items item indices, each known to the model, increasing
	 * @param values the user's ratings of them
	 * @param n number of entries to use
	 * @return the user's state
	 */
	FoldedUser fold(int[] items, float[] values, int n);

	/**
	 * Folds in a row of a rating matrix whose columns are this model's items.
	 * @param matrix the ratings
	 * @param user the row, or any index past the last for a user without ratings
	 * @return the user's state
	 */
	default FoldedUser fold(RatingMatrix matrix, int user) {
		if (user >= matrix.users()) {
			return fold(new int[0], new float[0], 0);
		}
		int from = matrix.start(user);
		int n = matrix.count(user);
		int[] items = new int[n];
		float[] values = new float[n];
		for (int p = 0; p < n; p++) {
			items[p] = matrix.item(from + p);
			values[p] = matrix.value(from + p);
		}
		return fold(items, values, n);
	}

	/**
	 * Builds what top-N needs (sorted lists, transposed tables): O(K x items log items)
	 * once per model, so callers keep it as long as the model.
	 * @return the model's ranker, by its default score
	 */
	Ranker ranker();

	/**
	 * @return K of the user mixture whose clusters explain users
	 */
	int clusters();

	/**
	 * @return weight p_j of cluster j
	 */
	double clusterWeight(int cluster);

	/**
	 * @return p_j of every cluster
	 */
	default double[] clusterWeights() {
		double[] weights = new double[clusters()];
		for (int j = 0; j < weights.length; j++) {
			weights[j] = clusterWeight(j);
		}
		return weights;
	}

	/**
	 * @return variance of cluster j
	 */
	double clusterVariance(int cluster);

	/**
	 * @param cluster j
	 * @param out receives, per item, how much more cluster j's users like it than the
	 * baseline predicts (the cluster mean on the residual scale, or the mean rating
	 * without centering)
	 */
	void clusterLiking(int cluster, double[] out);

	/**
	 * @param cluster j
	 * @param out receives, per item, the share of cluster j's ratings that fall on it
	 * @return false when the model cannot tell (nothing written)
	 */
	boolean clusterRating(int cluster, double[] out);

}
