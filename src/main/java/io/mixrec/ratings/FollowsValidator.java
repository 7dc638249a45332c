package io.mixrec.ratings;

import java.time.Instant;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks {@link Follows} with {@link RatingRules} and the configured limits. Rating times
 * are checked against the clock of the validation, as {@code @Future} is.
 */
final class FollowsValidator implements ConstraintValidator<Follows, Object> {

	private final RatingRules rules;

	private final JsonMapper json;

	private final long maxAttributesBytes;

	private final int maxPageSize;

	private Follows.Rule rule = Follows.Rule.RATING_SCALE;

	FollowsValidator(RatingRules rules, JsonMapper json, RatingsProperties properties) {
		this.rules = rules;
		this.json = json;
		this.maxAttributesBytes = properties.maxAttributesBytes().toBytes();
		this.maxPageSize = properties.maxPageSize();
	}

	@Override
	public void initialize(Follows annotation) {
		this.rule = annotation.value();
	}

	@Override
	public boolean isValid(@Nullable Object value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		String problem = switch (this.rule) {
			case RATING_SCALE -> this.rules.ratingProblem((Double) value);
			case PLAUSIBLE_RATED_AT -> this.rules.ratedAtProblem((Instant) value,
					RatingRules.truncate(context.getClockProvider().getClock().instant()));
			case ITEM_TITLE -> titleProblem((String) value);
			case ITEM_ATTRIBUTES -> attributesProblem((JsonNode) value);
			case PAGE_SIZE -> ((Integer) value > this.maxPageSize) ? "must be at most " + this.maxPageSize : null;
			case TITLE_FILTER -> titleFilterProblem((String) value);
		};
		return Violations.none(problem, context);
	}

	private static @Nullable String titleProblem(String title) {
		if (title.codePointCount(0, title.length()) > ItemsController.MAX_TITLE_LENGTH) {
			return "must be at most " + ItemsController.MAX_TITLE_LENGTH + " characters";
		}
		return StorableText.storable(title) ? null : "must be valid Unicode without NUL characters";
	}

	private static @Nullable String titleFilterProblem(String text) {
		if (text.isEmpty() || text.length() > ItemsController.MAX_TITLE_LENGTH) {
			return "must have 1 to " + ItemsController.MAX_TITLE_LENGTH + " characters";
		}
		return StorableText.storable(text) ? null : "must be valid Unicode without NUL characters";
	}

	private @Nullable String attributesProblem(JsonNode attributes) {
		if (!StorableText.storable(attributes)) {
			return "must be valid Unicode without NUL characters, and its numbers finite doubles";
		}
		if (this.json.writeValueAsBytes(attributes).length > this.maxAttributesBytes) {
			return "must be at most " + this.maxAttributesBytes + " bytes as JSON";
		}
		return null;
	}

}
