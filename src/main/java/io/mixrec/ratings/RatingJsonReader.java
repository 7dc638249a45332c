package io.mixrec.ratings;

import java.time.DateTimeException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads ratings from JSON trees and validates them with {@link RatingRules}. Reads the
 * tree by hand rather than binding to a class, so that a wrongly typed field is reported
 * with its name (and its element's index in a batch) like any other invalid value,
 * instead of failing the whole body. Unknown fields are ignored.
 */
@Component
class RatingJsonReader {

	private final RatingRules rules;

	RatingJsonReader(RatingRules rules) {
		this.rules = rules;
	}

	/**
	 * Read the body of {@code PUT /users/{userId}/ratings/{itemId}}: {@code {"rating":
	 * 4.5, "ratedAt": "..."}}.
	 * @param userId the user id from the path
	 * @param itemId the item id from the path
	 * @param body the body
	 * @param now the time of the request, the default {@code ratedAt}
	 * @param errors where problems go
	 * @return the rating, or null if a problem was reported
	 */
	@Nullable RatingWrite single(String userId, String itemId, JsonNode body, Instant now, FieldErrors errors) {
		// Not &&: both ids are checked, so that both problems are reported.
		boolean valid = checkId("userId", userId, errors) & checkId("itemId", itemId, errors);
		if (!body.isObject()) {
			errors.reject("body", "must be a JSON object");
			return null;
		}
		RatingWrite write = values(userId, itemId, body, now, errors);
		return (valid) ? write : null;
	}

	/**
	 * Read one element of a batch: {@code {"userId", "itemId", "rating", "ratedAt"?}}.
	 * @param element the element
	 * @param now the time of the request, the default {@code ratedAt}
	 * @param errors where problems go
	 * @return the rating, or null if a problem was reported
	 */
	@Nullable RatingWrite element(JsonNode element, Instant now, FieldErrors errors) {
		if (!element.isObject()) {
			errors.reject("", "must be a JSON object");
			return null;
		}
		String userId = id("userId", element.get("userId"), errors);
		String itemId = id("itemId", element.get("itemId"), errors);
		RatingWrite write = values((userId != null) ? userId : "", (itemId != null) ? itemId : "", element, now,
				errors);
		return (userId != null && itemId != null) ? write : null;
	}

	private @Nullable RatingWrite values(String userId, String itemId, JsonNode node, Instant now, FieldErrors errors) {
		Float rating = rating(node.get("rating"), errors);
		Instant ratedAt = ratedAt(node.get("ratedAt"), now, errors);
		return (rating != null && ratedAt != null) ? new RatingWrite(userId, itemId, rating, ratedAt) : null;
	}

	private @Nullable String id(String field, @Nullable JsonNode node, FieldErrors errors) {
		if (node == null || node.isNull()) {
			errors.reject(field, "is required");
			return null;
		}
		if (!node.isString()) {
			errors.reject(field, "must be a string");
			return null;
		}
		String id = node.stringValue();
		return checkId(field, id, errors) ? id : null;
	}

	private boolean checkId(String field, String id, FieldErrors errors) {
		String problem = this.rules.idProblem(id);
		if (problem != null) {
			errors.reject(field, problem);
		}
		return problem == null;
	}

	private @Nullable Float rating(@Nullable JsonNode node, FieldErrors errors) {
		if (node == null || node.isNull()) {
			errors.reject("rating", "is required");
			return null;
		}
		if (!node.isNumber()) {
			errors.reject("rating", "must be a number");
			return null;
		}
		// numberValue() rather than doubleValue(): huge integers become infinite, not an
		// exception, and are rejected as not finite.
		double value = node.numberValue().doubleValue();
		String problem = this.rules.ratingProblem(value);
		if (problem != null) {
			errors.reject("rating", problem);
			return null;
		}
		return (float) value;
	}

	private @Nullable Instant ratedAt(@Nullable JsonNode node, Instant now, FieldErrors errors) {
		if (node == null || node.isNull()) {
			return now;
		}
		Instant ratedAt;
		try {
			if (node.isNumber()) {
				ratedAt = RatingRules.epochSeconds(node.decimalValue());
			}
			else if (node.isString()) {
				ratedAt = RatingRules.parseRatedAt(node.stringValue());
			}
			else {
				errors.reject("ratedAt", RatingRules.ratedAtFormatProblem());
				return null;
			}
		}
		catch (DateTimeException | ArithmeticException | NumberFormatException | JacksonException ex) {
			errors.reject("ratedAt", RatingRules.ratedAtFormatProblem());
			return null;
		}
		String problem = this.rules.ratedAtProblem(ratedAt, now);
		if (problem != null) {
			errors.reject("ratedAt", problem);
			return null;
		}
		return ratedAt;
	}

}
