package io.mixrec.recommend;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated list of item ids has at least {@link #min()} and at most
 * {@code mixrec.recommend.max-item-ids} entries: a bound from configuration, which
 * {@code @Size} cannot take.
 */
@Documented
@Constraint(validatedBy = ItemIdCountValidator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface ItemIdCount {

	/**
	 * The fewest ids.
	 * @return the lower bound
	 */
	int min() default 0;

	String message() default "has too many or too few item ids";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
