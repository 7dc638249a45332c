package io.mixrec.security;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.MixrecWebMvcTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mixrec.security.require-read-key=true}: reads need at least the read role. */
@MixrecWebMvcTest(value = EndpointsController.class, properties = "mixrec.security.require-read-key=true")
@Import(EndpointsController.class)
class RequireReadKeyWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void readWithoutKeyIsUnauthorized() {
		assertThat(this.mvc.get().uri("/users/u1")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/nothing/here")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void readWithAnyRoleIsAllowed() {
		for (String key : new String[] { TestApiKeys.READ, TestApiKeys.WRITE, TestApiKeys.ADMIN }) {
			assertThat(this.mvc.get().uri("/users/u1").header(TestApiKeys.HEADER, key)).hasStatusOk();
		}
		assertThat(this.mvc.get().uri("/nothing/here").header(TestApiKeys.HEADER, TestApiKeys.READ))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void writesStillNeedWrite() {
		assertThat(this.mvc.put().uri("/users/u1").header(TestApiKeys.HEADER, TestApiKeys.READ))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.put().uri("/users/u1").header(TestApiKeys.HEADER, TestApiKeys.WRITE)).hasStatusOk();
	}

}
