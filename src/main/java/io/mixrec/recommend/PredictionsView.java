package io.mixrec.recommend;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A user's predicted ratings of the items the client asked about, in the order asked.
 *
 * @param userId the user
 * @param modelVersion the model version that predicted them
 * @param coldStart true when no rating of the user informed the prediction
 * @param predictions one per requested id
 */
record PredictionsView(String userId, long modelVersion, boolean coldStart, List<Prediction> predictions) {

	/**
	 * One predicted rating. For an item the model does not know ({@code known: false}) it
	 * is what the model predicts for an item without ratings: the user's baseline (global
	 * mean plus the user's bias), with the posterior-averaged cluster variance; a model
	 * fitted without centering has no baseline, and both values are absent.
	 *
	 * @param itemId the item
	 * @param predictedRating the predicted rating, clamped to the rating scale
	 * @param stdDev its standard deviation
	 * @param known whether the model has the item
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Prediction(String itemId, @Nullable Double predictedRating, @Nullable Double stdDev, boolean known) {
	}

}
