package io.mixrec.ratings;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link ExternalId}: reports the rule of {@link ExternalIds} that the id breaks.
 */
final class ExternalIdValidator implements ConstraintValidator<ExternalId, String> {

	@Override
	public boolean isValid(@Nullable String id, ConstraintValidatorContext context) {
		String problem = (id != null) ? ExternalIds.problem(id) : null;
		if (problem == null) {
			return true;
		}
		// The problems are fixed texts without the id, so nothing of the client's input
		// reaches message interpolation.
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
		return false;
	}

}
