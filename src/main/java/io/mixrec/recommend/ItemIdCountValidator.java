package io.mixrec.recommend;

import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link ItemIdCount} against the configured maximum; created by Spring, which
 * injects the properties.
 */
final class ItemIdCountValidator implements ConstraintValidator<ItemIdCount, List<?>> {

	private final int max;

	private int min;

	ItemIdCountValidator(RecommendProperties properties) {
		this.max = properties.maxItemIds();
	}

	@Override
	public void initialize(ItemIdCount annotation) {
		this.min = annotation.min();
	}

	@Override
	public boolean isValid(@Nullable List<?> ids, ConstraintValidatorContext context) {
		int count = (ids != null) ? ids.size() : 0;
		if (count >= this.min && count <= this.max) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context
			.buildConstraintViolationWithTemplate(
					(this.min > 0) ? "must list " + this.min + " to " + this.max + " item ids"
							: "must list at most " + this.max + " item ids")
			.addConstraintViolation();
		return false;
	}

}
