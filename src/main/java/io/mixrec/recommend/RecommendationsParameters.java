package io.mixrec.recommend;

import java.util.List;

import io.mixrec.ratings.ExternalId;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * The path and query parameters of {@code GET /users/{userId}/recommendations}, bound and
 * validated together so that every bad one is reported in one problem.
 *
 * @param userId the user, from the path
 * @param limit how many items, 1 to {@code mixrec.recommend.max-limit}; default
 * {@code mixrec.recommend.default-limit}
 * @param offset how many of the best items to skip; default 0
 * @param includeRated whether items the user rated may be recommended; default false
 * @param exclude items never to recommend, comma separated, repeated, or both
 */
record RecommendationsParameters(@Parameter(in = ParameterIn.PATH, required = true) @NotNull @ExternalId String userId,
		@RecommendationLimit @Nullable Integer limit,
		@Min(value = 0, message = "must be an integer >= 0") @Nullable Integer offset, @Nullable Boolean includeRated,
		@ItemIdCount List<String> exclude) {

	// The binder passes null for a parameter that is absent.
	RecommendationsParameters {
		exclude = ItemIdLists.split(exclude);
	}

	RecommendationAnswers.RecommendationQuery query(int defaultLimit) {
		return new RecommendationAnswers.RecommendationQuery((this.limit != null) ? this.limit : defaultLimit,
				(this.offset != null) ? this.offset : 0, this.exclude, Boolean.TRUE.equals(this.includeRated));
	}

}
