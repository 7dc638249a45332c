package io.mixrec.ratings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated string is an external user or item id as {@link ExternalIds} defines it;
 * the violation says which rule it breaks. Null is valid: say {@code @NotNull} where the
 * id is required. Public so that every feature that takes ids in paths or bodies answers
 * bad ones alike.
 */
@Documented
@Constraint(validatedBy = ExternalIdValidator.class)
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ExternalId {

	/**
	 * The message when no rule is named; each broken rule has its own.
	 * @return the message
	 */
	String message() default "must be a valid id";

	/**
	 * The validation groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * The payload.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

}
