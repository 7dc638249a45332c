package io.mixrec.security;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.MixrecWebMvcTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mixrec.security.require-read-key=false}: reads are open to anyone, writes still
 * need write. The default, reads that need a key, is in {@link SecurityRulesWebMvcTests}.
 */
@MixrecWebMvcTest(value = EndpointsController.class, properties = "mixrec.security.require-read-key=false")
@Import(EndpointsController.class)
class OpenReadsWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void readWithoutKeyIsAllowed() {
		assertThat(this.mvc.get().uri("/users/u1")).hasStatusOk();
		assertThat(this.mvc.get().uri("/nothing/here")).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void readWithAnUnknownKeyIsStillUnauthorized() {
		assertThat(this.mvc.get().uri("/users/u1").header(TestApiKeys.HEADER, TestApiKeys.UNKNOWN))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void writesStillNeedWrite() {
		assertThat(this.mvc.put().uri("/users/u1")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.put().uri("/users/u1").header(TestApiKeys.HEADER, TestApiKeys.READ))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.put().uri("/users/u1").header(TestApiKeys.HEADER, TestApiKeys.WRITE)).hasStatusOk();
	}

}
