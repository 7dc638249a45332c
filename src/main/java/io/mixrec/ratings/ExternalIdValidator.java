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
		return id == null || Violations.none(ExternalIds.problem(id), context);
	}

}
