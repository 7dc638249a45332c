package io.mixrec.ratings;

import java.time.Instant;
import java.util.List;

/**
 * A page of a user's ratings, newest first: the body of {@code GET
 * /users/{userId}/ratings}.
 *
 * @param userId the user
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalElements the user's number of ratings
 * @param totalPages the number of pages of this size
 * @param ratings the ratings on this page
 */
record RatingsPage(String userId, int page, int size, long totalElements, long totalPages, List<Entry> ratings) {

	static RatingsPage of(String userId, int page, int size, long total, List<StoredRating> ratings) {
		List<Entry> entries = ratings.stream()
			.map((rating) -> new Entry(rating.itemId(), rating.rating(), rating.ratedAt(), rating.updatedAt()))
			.toList();
		return new RatingsPage(userId, page, size, total, (total + size - 1) / size, entries);
	}

	/**
	 * One rating of the page.
	 *
	 * @param itemId the item
	 * @param rating the rating
	 * @param ratedAt when the user rated
	 * @param updatedAt when the server last changed it
	 */
	record Entry(String itemId, float rating, Instant ratedAt, Instant updatedAt) {

	}

}
