package io.mixrec.ratings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated value follows a rule of this feature whose limits come from the
 * configuration ({@link RatingsProperties}); the violation says which part of the rule it
 * breaks. Null is valid: say {@code @NotNull} where the value is required.
 */
@Documented
@Constraint(validatedBy = FollowsValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@interface Follows {

	/**
	 * The rule.
	 * @return the rule
	 */
	Rule value();

	/**
	 * The message when no part of the rule is named; each part has its own.
	 * @return the message
	 */
	String message() default "is invalid";

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

	/** The rules, each for values of one type. */
	enum Rule {

		/** A {@code Double} rating on the configured scale. */
		RATING_SCALE,

		/**
		 * An {@code Instant} rating time, neither before the earliest nor further in the
		 * future of the validation's clock than the configured skew.
		 */
		PLAUSIBLE_RATED_AT,

		/** A {@code String} item title: at most 1000 characters, storable. */
		ITEM_TITLE,

		/**
		 * A {@code JsonNode} of item attributes: storable, within the configured size.
		 */
		ITEM_ATTRIBUTES,

		/** An {@code Integer} page size no larger than the configured maximum. */
		PAGE_SIZE,

		/** A {@code String} to find in titles: 1 to 1000 characters, storable. */
		TITLE_FILTER

	}

}
