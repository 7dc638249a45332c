package io.mixrec.em;

import java.util.Optional;

/**
 * One user folded into a {@link FittedModel}, bound to it: predictions for any item of
 * the model. Cheap to query; computed once per request.
 */
public interface FoldedUser {

	/**
	 * @return damped user bias b_u (0 without centering or for a cold start)
	 */
	double userBias();

	/**
	 * @return how many of the user's ratings the model knew and used
	 */
	int ratingsUsed();

	/**
	 * @return true when no known rating informed the user's state
	 */
	default boolean coldStart() {
		return ratingsUsed() == 0;
	}

	/**
	 * @return the posterior over the clusters of {@link FittedModel#clusters()}, summing
	 * to 1
	 */
	double[] clusterProbabilities();

	/**
	 * @param item a model column
	 * @return the predicted rating, unclamped
	 */
	double predict(int item);

	/**
	 * @param item a model column
	 * @return the predictive standard deviation of the rating
	 */
	double stdDev(int item);

	/**
	 * Predicts an item the model does not know (no training ratings). A centred model
	 * predicts the user's baseline {@code g + b_u}: such an item has no item bias, and
	 * every cluster's mean of it is at its prior, 0 on the residual scale. An uncentred
	 * model knows nothing of it.
	 * @return the prediction, or empty when the model is not centred
	 */
	Optional<ItemPrediction> predictUnknownItem();

}
