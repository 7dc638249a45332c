package io.mixrec.ratings;

import java.util.List;
import java.util.Map;

import io.mixrec.web.DomainException;

/**
 * Elements of a {@code POST /ratings} batch break the rules, so nothing was written;
 * every bad element is listed with its index.
 */
final class InvalidBatchException extends DomainException {

	private final List<ElementError> errors;

	InvalidBatchException(List<ElementError> errors, int elements, int bad) {
		super(Kind.INVALID, "The batch has " + bad + " invalid element" + ((bad != 1) ? "s" : "") + " (of " + elements
				+ "); nothing was written. See 'errors'.", null);
		this.errors = List.copyOf(errors);
	}

	@Override
	public Map<String, Object> members() {
		return Map.of("errors", this.errors);
	}

}
