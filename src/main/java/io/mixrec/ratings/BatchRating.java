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
 * One element of {@code POST /ratings}, as bound and validated.
 *
 * @param userId the user
 * @param itemId the item
 * @param rating the rating, on the configured scale
 * @param ratedAt when it was made; null for the time of the request
 */
@Schema(name = "BatchRating")
record BatchRating(
		@Schema(description = "1 to 128 characters, no control characters.", requiredMode = RequiredMode.REQUIRED,
				minLength = 1, maxLength = RatingRules.MAX_ID_LENGTH,
				example = "u1") @NotNull(message = "is required") @ExternalId @Nullable String userId,
		@Schema(description = "1 to 128 characters, no control characters.", requiredMode = RequiredMode.REQUIRED,
				minLength = 1, maxLength = RatingRules.MAX_ID_LENGTH,
				example = "i1") @NotNull(message = "is required") @ExternalId @Nullable String itemId,
		@Schema(description = "On the configured scale.", requiredMode = RequiredMode.REQUIRED,
				example = "4") @NotNull(message = "is required") @Follows(Rule.RATING_SCALE) @Nullable Double rating,
		@Schema(description = RatingInput.RATED_AT, implementation = Object.class, oneOf = {
				String.class, Long.class }) @JsonDeserialize(
						using = RatedAtDeserializer.class) @Follows(Rule.PLAUSIBLE_RATED_AT) @Nullable Instant ratedAt){

	/**
	 * The write this element asks for.
	 * @param now the time of the request
	 * @return the write
	 */
	RatingWrite write(Instant now) {
		return new RatingWrite(Objects.requireNonNull(this.userId), Objects.requireNonNull(this.itemId),
				Objects.requireNonNull(this.rating).floatValue(), (this.ratedAt != null) ? this.ratedAt : now);
	}

}
