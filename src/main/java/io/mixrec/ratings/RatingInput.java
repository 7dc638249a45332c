package io.mixrec.ratings;

import java.time.Instant;
import java.util.Objects;

import io.mixrec.ratings.Follows.Rule;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code PUT /users/{userId}/ratings/{itemId}}, as bound and validated.
 *
 * @param rating the rating, on the configured scale
 * @param ratedAt when it was made; null for the time of the request
 */
@Schema(name = "RatingInput")
record RatingInput(
		@Schema(description = "On the configured scale (default 0.5 to 5 in steps of 0.5).",
				requiredMode = RequiredMode.REQUIRED,
				example = "4.5") @NotNull(message = "is required") @Follows(Rule.RATING_SCALE) @Nullable Double rating,
		@Schema(description = RatingInput.RATED_AT, implementation = Object.class, oneOf = {
				String.class, Long.class }, example = "2026-01-02T03:04:05Z") @JsonDeserialize(
						using = RatedAtDeserializer.class) @Follows(Rule.PLAUSIBLE_RATED_AT) @Nullable Instant ratedAt){

	static final String RATED_AT = "When the rating was made: ISO-8601 with an offset, or epoch seconds;"
			+ " default: the time of the request. The latest ratedAt wins.";

	/**
	 * The write this body asks for.
	 * @param userId the user, from the path
	 * @param itemId the item, from the path
	 * @param now the time of the request
	 * @return the write
	 */
	RatingWrite write(String userId, String itemId, Instant now) {
		return new RatingWrite(userId, itemId, Objects.requireNonNull(this.rating).floatValue(),
				(this.ratedAt != null) ? this.ratedAt : now);
	}

	/**
	 * The ids in the path of a single rating, validated with its body.
	 *
	 * @param userId the user
	 * @param itemId the item
	 */
	record Path(@ExternalId String userId, @ExternalId String itemId) {

	}

}
