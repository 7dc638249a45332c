package io.mixrec.ratings;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mixrec.tabular.RatingFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The parameters both imports take: the mode by Bean Validation, the layout by its
 * readers.
 */
class ImportParametersTests {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void createValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@Test
	void rejectIsTheDefaultAndCaseDoesNotMatter() {
		assertThat(parameters(null).mode()).isEqualTo(OnError.REJECT);
		assertThat(parameters("").mode()).isEqualTo(OnError.REJECT);
		assertThat(parameters("SKIP").mode()).isEqualTo(OnError.SKIP);
		assertThat(parameters("Reject").mode()).isEqualTo(OnError.REJECT);
		for (String valid : new String[] { "", "skip", "SKIP", "reject" }) {
			assertThat(validator.validate(parameters(valid))).as(valid).isEmpty();
		}
	}

	@Test
	void anyOtherModeIsAnInvalidField() {
		for (String invalid : new String[] { "ignore", "skip,skip", " skip" }) {
			assertThat(validator.validate(parameters(invalid))).as(invalid)
				.singleElement()
				.satisfies((violation) -> assertViolation(violation, "onError", "must be reject or skip"));
		}
	}

	@Test
	void aLayoutTheReadersRefuseIsUnreadableInput() {
		assertThat(new ImportParameters(null, "user,item,rating", "tab", "false").ratingFormat())
			.isEqualTo(new RatingFormat((byte) '\t', false, java.util.List.of("user", "item", "rating")));
		assertThatExceptionOfType(UnreadableInputException.class)
			.isThrownBy(() -> new ImportParameters(null, null, null, "maybe").ratingFormat())
			.withMessage("header must be true or false, not 'maybe'.");
		assertThatExceptionOfType(UnreadableInputException.class)
			.isThrownBy(() -> new ImportParameters(null, null, null, null).itemFormat("xml"))
			.withMessage("format must be movielens-100k or csv (the default), not 'xml'.");
	}

	private static ImportParameters parameters(String onError) {
		return new ImportParameters(onError, null, null, null);
	}

	private static void assertViolation(ConstraintViolation<ImportParameters> violation, String field, String message) {
		assertThat(violation.getPropertyPath()).hasToString(field);
		assertThat(violation.getMessage()).isEqualTo(message);
	}

}
