package io.mixrec.ratings;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A stored rating as the API shows it.
 *
 * @param userId the user
 * @param itemId the item
 * @param rating the rating
 * @param ratedAt when the user rated (decides last write wins)
 * @param updatedAt when the server last changed the rating
 * @param outcome what the write did ({@code PUT} only): {@code inserted}, {@code updated}
 * or {@code unchanged} (the write was older than or identical to this stored rating)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RatingView(String userId, String itemId, float rating, Instant ratedAt, Instant updatedAt,
		@Nullable WriteEffect outcome) {

	static RatingView of(StoredRating stored, @Nullable WriteEffect outcome) {
		return new RatingView(stored.userId(), stored.itemId(), stored.rating(), stored.ratedAt(), stored.updatedAt(),
				outcome);
	}

}
