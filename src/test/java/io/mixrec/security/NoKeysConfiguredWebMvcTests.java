package io.mixrec.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.web.ProblemDetailsWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The out-of-the-box configuration, without the {@code test} profile's keys and without a
 * database (so without the service's own admin key): every request 401 whatever key it
 * carries.
 */
@WebMvcTest(EndpointsController.class)
@Import({ SecurityConfiguration.class, ProblemDetailsWriter.class, EndpointsController.class })
class NoKeysConfiguredWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	SecurityProperties properties;

	@Test
	void runsWithoutKeys() {
		assertThat(this.properties.apiKeys()).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1} with {2} key -> 401")
	@CsvSource(textBlock = """
			GET, /users/u1,    none
			PUT, /users/u1,    none
			PUT, /users/u1,    admin
			GET, /admin/refit, none
			GET, /admin/refit, admin
			""")
	void everyRequestIsUnauthorizedWhateverItsKey(String method, String path, String role) {
		MockMvcRequestBuilder request = this.mvc.method(HttpMethod.valueOf(method)).uri(path);
		String key = TestApiKeys.of(role);
		assertThat((key != null) ? request.header(TestApiKeys.HEADER, key) : request)
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

}
