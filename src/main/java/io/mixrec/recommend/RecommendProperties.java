package io.mixrec.recommend;

import java.time.Duration;

import io.mixrec.model.ModelSnapshot;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the recommendations API ({@code mixrec.recommend.*}).
 *
 * @param defaultLimit items in a list of recommendations when the client gives no
 * {@code limit}
 * @param maxLimit the largest {@code limit} a client may ask for
 * @param maxItemIds the most ids in {@code itemIds} (predictions) and in {@code exclude}
 * (recommendations)
 * @param topClusters the user's most probable clusters listed with recommendations
 * @param explanationItems characteristic items listed per cluster in a user's posterior
 * ({@code GET /users/{userId}/clusters}), at most {@value ModelSnapshot#PROFILE_ITEMS}
 * @param retryAfter the {@code Retry-After} of the 503 answered while no model is active
 */
@ConfigurationProperties("mixrec.recommend")
@Validated
public record RecommendProperties(@DefaultValue("10") @Min(1) int defaultLimit,
		@DefaultValue("1000") @Min(1) @Max(100_000) int maxLimit,
		@DefaultValue("1000") @Min(1) @Max(100_000) int maxItemIds, @DefaultValue("3") @Min(0) int topClusters,
		@DefaultValue("5") @Min(0) @Max(ModelSnapshot.PROFILE_ITEMS) int explanationItems,
		@DefaultValue("60s") @NotNull Duration retryAfter) {

	/**
	 * Checks the relations between the values that annotations cannot express.
	 */
	public RecommendProperties {
		if (defaultLimit > maxLimit) {
			throw new IllegalArgumentException("mixrec.recommend.default-limit (" + defaultLimit
					+ ") must not exceed mixrec.recommend.max-limit (" + maxLimit + ")");
		}
		if (retryAfter.isNegative() || retryAfter.toSeconds() < 1) {
			throw new IllegalArgumentException("mixrec.recommend.retry-after must be at least 1s, not " + retryAfter);
		}
	}

}
