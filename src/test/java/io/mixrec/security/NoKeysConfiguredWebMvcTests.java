package io.mixrec.security;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.web.ProblemDetailsWriter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

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

	@Test
	void readsNeedAKey() {
		assertThat(this.mvc.get().uri("/users/u1")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void writesAreUnauthorized() {
		assertThat(this.mvc.put().uri("/users/u1")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.put().uri("/users/u1").header(TestApiKeys.HEADER, TestApiKeys.ADMIN))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void adminIsUnauthorized() {
		assertThat(this.mvc.get().uri("/admin/refit")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/admin/refit").header(TestApiKeys.HEADER, TestApiKeys.ADMIN))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

}
