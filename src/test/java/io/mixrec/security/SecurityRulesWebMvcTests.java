package io.mixrec.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mixrec.testsupport.MixrecWebMvcTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static io.mixrec.testsupport.ProblemAssertions.assertProblem;
import static io.mixrec.testsupport.ProblemAssertions.assertProblemWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default rules, with keys of every role configured (profile {@code test}): reads
 * need read, writes need write, {@code /admin/**} and the actuator need admin; unknown
 * keys are 401, too-low roles 403.
 */
@MixrecWebMvcTest(EndpointsController.class)
@Import(EndpointsController.class)
class SecurityRulesWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@ParameterizedTest(name = "{0} {1} with {2} key -> {3}")
	@CsvSource(textBlock = """
			GET,     /users/u1,         none,    401
			GET,     /users/u1,         read,    200
			GET,     /users/u1,         write,   200
			GET,     /users/u1,         admin,   200
			GET,     /users/u1,         unknown, 401
			HEAD,    /users/u1,         none,    401
			HEAD,    /users/u1,         read,    200
			OPTIONS, /users/u1,         none,    401
			OPTIONS, /users/u1,         read,    200
			GET,     /recommendations/u1, none,  401
			GET,     /recommendations/u1, read,  200
			PUT,     /users/u1,         none,    401
			PUT,     /users/u1,         unknown, 401
			PUT,     /users/u1,         read,    403
			PUT,     /users/u1,         write,   200
			PUT,     /users/u1,         admin,   200
			PATCH,   /users/u1,         read,    403
			PATCH,   /users/u1,         write,   200
			DELETE,  /users/u1,         none,    401
			DELETE,  /users/u1,         write,   200
			POST,    /ratings,          none,    401
			POST,    /ratings,          read,    403
			POST,    /ratings,          write,   200
			POST,    /ratings,          admin,   200
			DELETE,  /items/i1,         read,    403
			DELETE,  /items/i1,         write,   200
			GET,     /admin/refit,      none,    401
			GET,     /admin/refit,      unknown, 401
			GET,     /admin/refit,      read,    403
			GET,     /admin/refit,      write,   403
			GET,     /admin/refit,      admin,   200
			POST,    /admin/refit,      write,   403
			POST,    /admin/refit,      admin,   200
			GET,     /actuator/metrics, none,    401
			GET,     /actuator/metrics, write,   403
			GET,     /nothing/here,     none,    401
			GET,     /nothing/here,     read,    404
			PUT,     /nothing/here,     none,    401
			PUT,     /nothing/here,     read,    403
			PUT,     /nothing/here,     write,   404
			""")
	void appliesTheRules(String method, String path, String key, int status) {
		assertThat(request(HttpMethod.valueOf(method), path, key)).hasStatus(status);
	}

	@Test
	void missingKeyIsUnauthorizedProblemWithChallenge() {
		assertProblem(request(HttpMethod.PUT, "/users/u1", "none"), HttpStatus.UNAUTHORIZED, """
				{"type": "https://mixrec.io/problems/unauthorized", "title": "Unauthorized", "status": 401,
				 "detail": "This request needs an API key in the X-API-Key header.", "instance": "/users/u1"}
				""").hasHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-Key\"");
	}

	@Test
	void unknownKeyIsUnauthorizedProblemEvenWhereNoKeyIsNeeded() {
		assertProblemWith(request(HttpMethod.GET, "/users/u1", "unknown"), HttpStatus.UNAUTHORIZED, """
				{"type": "https://mixrec.io/problems/unauthorized",
				 "detail": "The API key in the X-API-Key header is not valid."}
				""");
	}

	@Test
	void tooLowRoleIsForbiddenProblem() {
		assertProblem(request(HttpMethod.POST, "/admin/refit", "write"), HttpStatus.FORBIDDEN, """
				{"type": "https://mixrec.io/problems/forbidden", "title": "Forbidden", "status": 403,
				 "detail": "The role of this API key does not allow this request.", "instance": "/admin/refit"}
				""");
	}

	@Test
	void createsNoSession() {
		assertThat(request(HttpMethod.PUT, "/users/u1", "write")).hasStatusOk()
			.request()
			.satisfies((request) -> assertThat(request.getSession(false)).isNull());
	}

	private MockMvcRequestBuilder request(HttpMethod method, String path, String role) {
		MockMvcRequestBuilder request = this.mvc.method(method).uri(path);
		String key = TestApiKeys.of(role);
		return (key != null) ? request.header(TestApiKeys.HEADER, key) : request;
	}

}
