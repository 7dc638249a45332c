package io.mixrec.recommend;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import io.mixrec.web.InvalidField;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The problems the recommendations API answers with. */
final class RecommendProblems {

	private RecommendProblems() {
	}

	/** 400 validation-failed, in the shape of every other feature. */
	static ApiException invalid(List<InvalidField> errors) {
		ApiException exception = new ApiException(
				HttpStatus.BAD_REQUEST, ErrorTypes.VALIDATION_FAILED, "The request has " + errors.size()
						+ " invalid field" + ((errors.size() != 1) ? "s" : "") + "; see 'errors'.",
				Map.of("errors", errors), null);
		exception.getBody().setTitle("Validation failed");
		return exception;
	}

	/** 503 until a refit has activated the first model. */
	static ApiException noActiveModel(Duration retryAfter) {
		ApiException exception = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorTypes.NO_ACTIVE_MODEL,
				"No model is active yet: a refit must fit one first (POST /admin/refits, or wait for the scheduled"
						+ " refit). Retry later.");
		exception.getBody().setTitle("No active model");
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
		return exception;
	}

	static ApiException unknownCluster(int index, int clusters) {
		return new ApiException(HttpStatus.NOT_FOUND, ErrorTypes.NOT_FOUND,
				"No cluster " + index + ": the active model has clusters 0 to " + (clusters - 1) + ".");
	}

}
