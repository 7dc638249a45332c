package io.mixrec.recommend;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated number of recommendations is between 1 and
 * {@code mixrec.recommend.max-limit}: a bound from configuration, which {@code @Max}
 * cannot take. Null (no limit given) is valid.
 */
@Documented
@Constraint(validatedBy = RecommendationLimitValidator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface RecommendationLimit {

	String message() default "is out of range";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
