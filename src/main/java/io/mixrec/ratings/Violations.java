package io.mixrec.ratings;

import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Turns the problems of {@link RatingRules} and {@link ExternalIds} into Bean Validation
 * violations, so that a constraint reports the rule a value breaks.
 */
final class Violations {

	private Violations() {
	}

	/**
	 * @param problem the rule the value breaks, or null
	 * @param context the validation's context
	 * @return whether there is no problem; otherwise the problem is the violation
	 */
	static boolean none(@Nullable String problem, ConstraintValidatorContext context) {
		if (problem == null) {
			return true;
		}
		// The problems are fixed texts and configured values, never the client's input,
		// so
		// nothing of it reaches message interpolation.
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
		return false;
	}

}
