package io.mixrec.ratings;

import java.time.Instant;

/**
 * One validated rating to store: external ids, the value and the client's time, which
 * decides between concurrent writes (last write wins).
 *
 * @param userId the user's external id
 * @param itemId the item's external id
 * @param rating the rating, on the configured scale
 * @param ratedAt when the user rated, truncated to microseconds
 */
record RatingWrite(String userId, String itemId, float rating, Instant ratedAt) {

}
