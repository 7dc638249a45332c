package io.mixrec.web;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTypesTests {

	@Test
	void typesLiveUnderTheMixrecProblemsBase() {
		assertThat(ErrorTypes.NOT_FOUND).hasToString("https://mixrec.io/problems/not-found");
		assertThat(ErrorTypes.VALIDATION_FAILED).hasToString("https://mixrec.io/problems/validation-failed");
	}

	@Test
	void commonStatusesHaveAGenericType() {
		assertThat(ErrorTypes.forStatus(HttpStatus.UNAUTHORIZED)).isEqualTo(ErrorTypes.UNAUTHORIZED);
		assertThat(ErrorTypes.forStatus(HttpStatus.METHOD_NOT_ALLOWED)).isEqualTo(ErrorTypes.METHOD_NOT_ALLOWED);
		assertThat(ErrorTypes.forStatus(HttpStatus.INTERNAL_SERVER_ERROR)).isEqualTo(ErrorTypes.INTERNAL_ERROR);
	}

	@Test
	void otherStatusesAreAboutBlank() {
		assertThat(ErrorTypes.forStatus(HttpStatus.I_AM_A_TEAPOT)).hasToString("about:blank");
		assertThat(ErrorTypes.forStatus(HttpStatusCode.valueOf(599))).hasToString("about:blank");
	}

}
