package io.mixrec.web;

import java.util.List;
import java.util.Map;

/**
 * Fields of a request that break a rule no annotation can state (a limit from
 * configuration, a rule across fields): answered like a Bean Validation failure, 400
 * {@code validation-failed} with the same {@code errors} list.
 */
public class InvalidFieldsException extends DomainException {

	private final List<InvalidField> errors;

	/**
	 * The fields and what is wrong with them.
	 * @param errors the invalid fields, at least one
	 */
	public InvalidFieldsException(List<InvalidField> errors) {
		super(Kind.INVALID, ProblemDetailsAdvice.invalidFieldsDetail(errors.size()), null);
		this.errors = List.copyOf(errors);
	}

	/**
	 * One invalid field.
	 * @param field the field as the client named it
	 * @param message why it is invalid
	 */
	public InvalidFieldsException(String field, String message) {
		this(List.of(new InvalidField(field, message)));
	}

	@Override
	public Map<String, Object> members() {
		return Map.of("errors", this.errors);
	}

}
