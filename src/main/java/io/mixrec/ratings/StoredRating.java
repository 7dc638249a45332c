package io.mixrec.ratings;

import java.time.Instant;

/**
 * A rating as stored.
 *
 * @param userId the user's external id
 * @param itemId the item's external id
 * @param rating the rating
 * @param ratedAt when the user rated (the client's time; decides last write wins)
 * @param updatedAt when the server last changed the rating
 */
record StoredRating(String userId, String itemId, float rating, Instant ratedAt, Instant updatedAt) {

}
