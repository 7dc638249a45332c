package io.mixrec.ratings;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of this feature's JSON request bodies, for the OpenAPI description only: the
 * controllers read a {@code JsonNode} themselves so that they can report every bad field
 * of a request at once ({@link RatingJsonReader}).
 */
final class RequestBodies {

	private static final String RATED_AT = "When the rating was made: ISO-8601 with an offset, or epoch seconds;"
			+ " default: the time of the request. The latest ratedAt wins.";

	private RequestBodies() {
	}

	/**
	 * The body of {@code PUT /users/{userId}/ratings/{itemId}}.
	 *
	 * @param rating the rating, on the configured scale
	 * @param ratedAt when it was made
	 */
	@Schema(name = "RatingInput")
	record Rating(
			@Schema(description = "On the configured scale (default 0.5 to 5 in steps of 0.5).",
					requiredMode = RequiredMode.REQUIRED, example = "4.5") double rating,
			@Schema(description = RATED_AT, oneOf = {
					String.class, Long.class }, example = "2026-01-02T03:04:05Z") @Nullable Object ratedAt){

	}

	/**
	 * One element of {@code POST /ratings}.
	 *
	 * @param userId the user
	 * @param itemId the item
	 * @param rating the rating
	 * @param ratedAt when it was made
	 */
	@Schema(name = "BatchRating")
	record BatchElement(
			@Schema(description = "1 to 128 characters, no control characters.", requiredMode = RequiredMode.REQUIRED,
					minLength = 1, maxLength = RatingRules.MAX_ID_LENGTH, example = "u1") String userId,
			@Schema(description = "1 to 128 characters, no control characters.", requiredMode = RequiredMode.REQUIRED,
					minLength = 1, maxLength = RatingRules.MAX_ID_LENGTH, example = "i1") String itemId,
			@Schema(description = "On the configured scale.", requiredMode = RequiredMode.REQUIRED,
					example = "4") double rating,
			@Schema(description = RATED_AT, oneOf = {
					String.class, Long.class }) @Nullable Object ratedAt){

	}

	/**
	 * The body of {@code PUT /items/{itemId}}.
	 *
	 * @param title the display title
	 * @param attributes free-form metadata
	 */
	@Schema(name = "ItemInput")
	record Item(
			@Schema(description = "At most 1000 characters.", maxLength = ItemsController.MAX_TITLE_LENGTH,
					example = "Toy Story (1995)") @Nullable String title,
			@Schema(description = "Any JSON object.") @Nullable Map<String, Object> attributes) {

	}

}
