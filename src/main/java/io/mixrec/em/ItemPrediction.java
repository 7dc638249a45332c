package io.mixrec.em;

/**
 * A model's prediction of one user's rating of one item.
 *
 * @param rating the predicted rating, unclamped
 * @param stdDev the predictive standard deviation of the rating
 */
public record ItemPrediction(double rating, double stdDev) {
}
