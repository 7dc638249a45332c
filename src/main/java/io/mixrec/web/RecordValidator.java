package io.mixrec.web;

import java.lang.annotation.ElementType;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;

/**
 * Bean Validation of the records a request is bound to (its body, its parameters), with
 * each violation as an {@link InvalidField} named by its property path.
 */
final class RecordValidator {

	private final Validator validator;

	RecordValidator(ValidatorFactory validation) {
		// Bound records are no JPA entities, and with JPA present Bean Validation would
		// ask
		// the persistence provider whether each of their properties is loaded, on every
		// element of a batch.
		this.validator = validation.usingContext().traversableResolver(new EveryPropertyReachable()).getValidator();
	}

	/**
	 * Validate a whole record.
	 * @param value the record
	 * @return its invalid fields, in no particular order
	 */
	List<InvalidField> validate(Record value) {
		return invalidFields(this.validator.validate(value));
	}

	/**
	 * Validate the value one component would have, for when the record itself cannot be
	 * built (another component's value did not convert).
	 * @param type the record type
	 * @param component the component's name
	 * @param value the value
	 * @return what is wrong with the value, in no particular order
	 */
	List<InvalidField> validateValue(Class<? extends Record> type, String component, @Nullable Object value) {
		return invalidFields(this.validator.validateValue(type, component, value));
	}

	private static <T> List<InvalidField> invalidFields(Iterable<ConstraintViolation<T>> violations) {
		List<InvalidField> errors = new ArrayList<>();
		for (ConstraintViolation<T> violation : violations) {
			errors.add(new InvalidField(violation.getPropertyPath().toString(), violation.getMessage()));
		}
		return errors;
	}

	/** Validates every property: none of a bound record is a lazy JPA association. */
	private static final class EveryPropertyReachable implements TraversableResolver {

		@Override
		public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
				ElementType elementType) {
			return true;
		}

		@Override
		public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
				ElementType elementType) {
			return true;
		}

	}

}
