package io.mixrec.web;

import org.springframework.validation.SmartValidator;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Lets the binders of {@code @Valid} parameter records validate single values. A record
 * is constructed only once every parameter converted; when one does not
 * ({@code offset=x}), the binder checks the others one by one with
 * {@link SmartValidator#validateValue}, which the adapter Spring Boot registers for MVC
 * does not implement, so a {@code limit=0} next to it went unreported. With Bean
 * Validation's own validator on those binders, every bad parameter is in one problem.
 */
@ControllerAdvice
class ConstructorBindingValidation {

	private final LocalValidatorFactoryBean validator;

	ConstructorBindingValidation(LocalValidatorFactoryBean validator) {
		this.validator = validator;
	}

	@InitBinder
	void validateSingleValues(WebDataBinder binder) {
		// Only binders that construct their target; the others validate whole objects.
		if (binder.getTarget() == null && !binder.getValidators().isEmpty()) {
			binder.replaceValidators(this.validator);
		}
	}

}
