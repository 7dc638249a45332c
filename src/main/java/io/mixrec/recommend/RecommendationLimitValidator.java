package io.mixrec.recommend;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link RecommendationLimit} against the configured maximum; created by Spring,
 * which injects the properties.
 */
final class RecommendationLimitValidator implements ConstraintValidator<RecommendationLimit, Integer> {

	private final int max;

	RecommendationLimitValidator(RecommendProperties properties) {
		this.max = properties.maxLimit();
	}

	@Override
	public boolean isValid(@Nullable Integer limit, ConstraintValidatorContext context) {
		if (limit == null || (limit >= 1 && limit <= this.max)) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate("must be an integer between 1 and " + this.max)
			.addConstraintViolation();
		return false;
	}

}
