package io.mixrec.testsupport;

import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.AssertProvider;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResultAssert;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions that an answer is an RFC 9457 problem: its status, the
 * {@code application/problem+json} content type, and its body. One place for what every
 * error test checks first, so that each test states only the problem it expects.
 */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/**
	 * Performs a {@code MockMvcTester} request and asserts that it answers exactly this
	 * problem.
	 * @param request the request, not yet performed
	 * @param status the expected status
	 * @param problem the whole expected body, compared strictly
	 * @return the response's assertion, for more checks on the same response
	 */
	public static MvcTestResultAssert assertProblem(AssertProvider<MvcTestResultAssert> request, HttpStatus status,
			String problem) {
		MvcTestResultAssert response = assertProblemStatus(request, status);
		response.bodyJson().isStrictlyEqualTo(problem);
		return response;
	}

	/**
	 * Performs a {@code MockMvcTester} request and asserts that it answers a problem with
	 * at least these members.
	 * @param request the request, not yet performed
	 * @param status the expected status
	 * @param members the expected members, compared leniently (others may be present)
	 * @return the response's assertion, for more checks on the same response
	 */
	public static MvcTestResultAssert assertProblemWith(AssertProvider<MvcTestResultAssert> request, HttpStatus status,
			String members) {
		MvcTestResultAssert response = assertProblemStatus(request, status);
		response.bodyJson().isLenientlyEqualTo(members);
		return response;
	}

	private static MvcTestResultAssert assertProblemStatus(AssertProvider<MvcTestResultAssert> request,
			HttpStatus status) {
		return assertThat(request).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/**
	 * Asserts that a raw HTTP/1.1 response ({@link ApiClient#sendRaw}) is a problem of
	 * that status and type.
	 * @param response the response, status line included
	 * @param status the expected status
	 * @param slug the last segment of the expected type URI
	 * @return the response's assertion, for more checks on the same text
	 */
	public static AbstractStringAssert<?> assertRawProblem(String response, int status, String slug) {
		return assertThat(response).startsWith("HTTP/1.1 " + status)
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"type\":\"https://mixrec.io/problems/" + slug + "\"")
			.contains("\"status\":" + status);
	}

}
