package io.mixrec.web;

import java.util.Comparator;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * One entry of the {@code errors} member of a {@link ErrorTypes#VALIDATION_FAILED}
 * problem. The rejected value is deliberately not echoed back: it may be large or
 * sensitive, and the client already has it.
 *
 * @param field the invalid field or parameter, as the client named it (e.g.
 * {@code rating}, {@code items[2].id}, {@code limit})
 * @param message why it is invalid (e.g. {@code must not be blank})
 */
public record InvalidField(String field, String message) {

	/**
	 * The order in which a {@code validation-failed} problem lists what Bean Validation
	 * reported in no particular order: by field, then message, so that clients and tests
	 * see a stable one.
	 */
	static final Comparator<InvalidField> PROBLEM_ORDER = Comparator.comparing(InvalidField::field)
		.thenComparing(InvalidField::message);

	/**
	 * A value that could not be converted to its type, described by what it should have
	 * been, without echoing it.
	 * @param field the field or parameter
	 * @param type the type it should have had, or null when unknown
	 * @return the invalid field
	 */
	static InvalidField notOfType(String field, @Nullable Class<?> type) {
		return new InvalidField(field, typeMessage(type));
	}

	private static String typeMessage(@Nullable Class<?> type) {
		if (type == null) {
			return "has the wrong type";
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (boxed == Integer.class || boxed == Long.class || boxed == Short.class) {
			return "must be an integer";
		}
		if (Number.class.isAssignableFrom(boxed)) {
			return "must be a number";
		}
		return (boxed == Boolean.class) ? "must be true or false" : "has the wrong type";
	}

}
