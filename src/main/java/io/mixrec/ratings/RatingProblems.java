package io.mixrec.ratings;

import java.util.List;
import java.util.Map;

import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import io.mixrec.web.InvalidField;

import org.springframework.http.HttpStatus;

/**
 * The problems this feature answers with, in one place so that their shape stays the same
 * across endpoints: {@code validation-failed} with an {@code errors} list whose entries
 * have a {@code field} and a {@code message} (plus the {@code index} of a batch element
 * or the {@code line} of a CSV line), and {@code not-found} for unknown users, items and
 * ratings.
 */
final class RatingProblems {

	private RatingProblems() {
	}

	static ApiException invalid(List<InvalidField> errors) {
		return validationFailed(
				"The request has " + errors.size() + " invalid field" + plural(errors.size()) + "; see 'errors'.",
				Map.of("errors", errors));
	}

	static ApiException invalidBatch(List<ElementError> errors, int elements, int bad) {
		return validationFailed("The batch has " + bad + " invalid element" + plural(bad) + " (of " + elements
				+ "); nothing was written. See 'errors'.", Map.of("errors", errors));
	}

	static ApiException invalidImport(List<LineError> errors, long badLines, long rowsRead) {
		return validationFailed(
				"The CSV has " + badLines + " invalid line" + plural(badLines) + " (of " + rowsRead
						+ "); nothing was imported. 'errors' lists the first " + errors.size()
						+ "; use onError=skip to import the valid lines.",
				Map.of("errors", errors, "badLines", badLines, "rowsRead", rowsRead));
	}

	static ApiException malformed(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, ErrorTypes.MALFORMED_REQUEST, detail);
	}

	static ApiException unknownUser(String userId) {
		return notFound("No user '" + userId + "'.");
	}

	static ApiException unknownItem(String itemId) {
		return notFound("No item '" + itemId + "'.");
	}

	static ApiException unknownRating(String userId, String itemId) {
		return notFound("No rating of item '" + itemId + "' by user '" + userId + "'.");
	}

	private static ApiException notFound(String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, ErrorTypes.NOT_FOUND, detail);
	}

	private static ApiException validationFailed(String detail, Map<String, Object> properties) {
		ApiException exception = new ApiException(HttpStatus.BAD_REQUEST, ErrorTypes.VALIDATION_FAILED, detail,
				properties, null);
		exception.getBody().setTitle("Validation failed");
		return exception;
	}

	private static String plural(long count) {
		return (count != 1) ? "s" : "";
	}

}
