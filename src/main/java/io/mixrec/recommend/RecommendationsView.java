package io.mixrec.recommend;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A user's recommendations.
 *
 * @param userId the user
 * @param modelVersion the model version that ranked them
 * @param coldStart true when none of the user's ratings is of an item the model knows (or
 * the user has none): the posterior is then the mixture weights
 * @param ratingsUsed the user's ratings that informed the posterior
 * @param ranking what {@code score} is: {@code rate-and-like} (P(the user rates the item)
 * x P(they like it)) or {@code predicted-rating}
 * @param clusters the user's most probable clusters, most probable first
 * @param offset the rank of the first item, from 0
 * @param items the recommended items, best first
 */
record RecommendationsView(String userId, long modelVersion, boolean coldStart, int ratingsUsed, String ranking,
		List<ClusterShare> clusters, int offset, List<Item> items) {

	/**
	 * One recommended item.
	 *
	 * @param itemId the item
	 * @param title its title, when known
	 * @param score the ranking score; higher is better
	 * @param predictedRating the posterior-weighted cluster means plus baseline, clamped
	 * to the rating scale
	 * @param stdDev the standard deviation of the predicted rating
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(String itemId, @Nullable String title, double score, double predictedRating, double stdDev) {
	}

}
