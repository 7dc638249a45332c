package io.mixrec.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.MixrecWebMvcTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static io.mixrec.testsupport.ProblemAssertions.assertProblem;
import static io.mixrec.testsupport.ProblemAssertions.assertProblemWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's error page: what the servlet container forwards to when a filter
 * rejects a request or throws. MockMvc does not forward to error pages, so the request
 * attributes the container sets are set by hand here; the tests against a running server
 * ({@code ProblemDetailsIntegrationTests}) cover the real forwarding.
 */
// Problem details, not security: reads open, so that requests need no key.
@MixrecWebMvcTest(value = ProblemErrorController.class, properties = "mixrec.security.require-read-key=false")
class ProblemErrorControllerWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void rendersContainerErrorAsProblem() {
		MockMvcRequestBuilder rejected = forwarded(400, "/users/a;b").requestAttr(RequestDispatcher.ERROR_MESSAGE,
				"The request was rejected because the URL contained ;");

		assertProblem(rejected, HttpStatus.BAD_REQUEST, """
				{"type": "https://mixrec.io/problems/malformed-request", "title": "Bad Request", "status": 400,
				 "detail": "The server rejected the request: bad request.", "instance": "/users/a;b"}
				""");
	}

	@Test
	void answersProblemJsonWhateverTheClientAccepts() {
		assertProblemWith(forwarded(413, "/ratings").accept(MediaType.TEXT_HTML), HttpStatus.CONTENT_TOO_LARGE, """
				{"type": "https://mixrec.io/problems/content-too-large"}
				""");
	}

	@Test
	void hidesExceptionsThrownByFilters() {
		MockMvcRequestBuilder failed = forwarded(500, "/users/u1").requestAttr(RequestDispatcher.ERROR_EXCEPTION,
				new IllegalStateException("secret filter state"));

		assertProblem(failed, HttpStatus.INTERNAL_SERVER_ERROR, """
				{"type": "https://mixrec.io/problems/internal-error", "title": "Internal Server Error",
				 "status": 500, "detail": "An unexpected error occurred. It has been logged on the server.",
				 "instance": "/users/u1"}
				""");
	}

	@Test
	void requestedDirectlyIsNotFound() {
		assertThat(this.mvc.get().uri("/error")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.instance")
			.isEqualTo("/error");
	}

	/**
	 * The request the container makes when it forwards a failed request to its error
	 * page.
	 */
	private MockMvcRequestBuilder forwarded(int status, String requestUri) {
		return this.mvc.get()
			.uri("/error")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, requestUri);
	}

}
