package io.mixrec.recommend;

import java.util.List;

import io.mixrec.ratings.ExternalId;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.validation.constraints.NotNull;

/**
 * The path and query parameters of {@code GET /users/{userId}/predictions}.
 *
 * @param userId the user, from the path
 * @param itemIds the items to predict, comma separated, repeated, or both
 */
record PredictionsParameters(@Parameter(in = ParameterIn.PATH, required = true) @NotNull @ExternalId String userId,
		@ItemIdCount(min = 1) List<String> itemIds) {

	// The binder passes null for a parameter that is absent.
	PredictionsParameters {
		itemIds = ItemIdLists.split(itemIds);
	}

}
