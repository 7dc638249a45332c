package io.mixrec.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mixrec.testsupport.MixrecWebMvcTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.mixrec.testsupport.ProblemAssertions.assertProblem;
import static io.mixrec.testsupport.ProblemAssertions.assertProblemWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of error Spring MVC sees comes out as an RFC 9457 problem with a stable
 * type, including 404 and 405 for requests that never reach a controller.
 */
// Problem details, not security: reads open, so that requests need no key.
@MixrecWebMvcTest(value = ProblemDetailsWebMvcTests.FailingController.class,
		properties = "mixrec.security.require-read-key=false")
@Import(ProblemDetailsWebMvcTests.FailingController.class)
@ExtendWith(OutputCaptureExtension.class)
class ProblemDetailsWebMvcTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void domainExceptionBecomesItsProblem() {
		assertProblem(this.mvc.get().uri("/test/problems/domain-exception"), HttpStatus.NOT_FOUND, """
				{"type": "https://mixrec.io/problems/not-found", "title": "Not Found", "status": 404,
				 "detail": "No user with id 'u42'", "instance": "/test/problems/domain-exception", "userId": "u42"}
				""");
	}

	@Test
	void unknownPathIsNotFoundProblem() {
		assertProblemWith(this.mvc.get().uri("/no/such/path"), HttpStatus.NOT_FOUND, """
				{"type": "https://mixrec.io/problems/not-found", "status": 404, "instance": "/no/such/path"}
				""");
	}

	@Test
	void unknownPathIsNotFoundForWritesToo() {
		MockMvcRequestBuilder put = this.mvc.put().uri("/no/such/path").header(TestApiKeys.HEADER, TestApiKeys.WRITE);

		assertProblemWith(put, HttpStatus.NOT_FOUND, """
				{"type": "https://mixrec.io/problems/not-found"}
				""");
	}

	@Test
	void wrongMethodIsMethodNotAllowedProblem() {
		MockMvcRequestBuilder delete = this.mvc.delete()
			.uri("/test/problems/domain-exception")
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE);

		assertProblemWith(delete, HttpStatus.METHOD_NOT_ALLOWED, """
				{"type": "https://mixrec.io/problems/method-not-allowed", "status": 405}
				""").hasHeader("Allow", "GET");
	}

	@Test
	void unsupportedContentTypeIsUnsupportedMediaTypeProblem() {
		assertProblemWith(postRating(MediaType.TEXT_PLAIN, "rating=5"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, """
				{"type": "https://mixrec.io/problems/unsupported-media-type", "status": 415}
				""");
	}

	@Test
	void unreadableBodyIsMalformedRequestProblem() {
		assertProblemWith(postRating(MediaType.APPLICATION_JSON, "{\"user\": "), HttpStatus.BAD_REQUEST, """
				{"type": "https://mixrec.io/problems/malformed-request", "status": 400}
				""");
	}

	@Test
	void invalidBodyListsTheInvalidFields() {
		MockMvcRequestBuilder invalid = postRating(MediaType.APPLICATION_JSON, "{\"user\": \" \", \"rating\": 9}");

		assertProblemWith(invalid, HttpStatus.BAD_REQUEST, """
				{"type": "https://mixrec.io/problems/validation-failed", "status": 400,
				 "errors": [{"field": "rating", "message": "must be less than or equal to 5"},
				            {"field": "user", "message": "must not be blank"}]}
				""");
	}

	@ParameterizedTest(name = "limit={0}")
	@CsvSource(textBlock = """
			0,   must be greater than or equal to 1
			ten, must be an integer
			""")
	void invalidParameterIsAValidationFailureNamingIt(String limit, String message) {
		assertProblemWith(this.mvc.get().uri("/test/problems/top?limit=" + limit), HttpStatus.BAD_REQUEST, """
				{"type": "https://mixrec.io/problems/validation-failed",
				 "errors": [{"field": "limit", "message": "%s"}]}
				""".formatted(message));
	}

	@Test
	void constraintViolationsOutsideBindingListTheInvalidFields() {
		assertProblemWith(this.mvc.get().uri("/test/problems/service-validation"), HttpStatus.BAD_REQUEST, """
				{"type": "https://mixrec.io/problems/validation-failed",
				 "errors": [{"field": "rating", "message": "must be less than or equal to 5"},
				            {"field": "user", "message": "must not be blank"}]}
				""");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			database-down   | 5 | The database is unavailable. Retry later.
			pool-exhausted  | 1 | The service is busy: every database connection is in use. Retry later.
			connection-lost | 5 | The database is unavailable. Retry later.
			""")
	void databaseFailureIsServiceUnavailableWithoutDetails(String failure, String retryAfter, String detail) {
		assertProblemWith(this.mvc.get().uri("/test/problems/" + failure), HttpStatus.SERVICE_UNAVAILABLE, """
				{"type": "https://mixrec.io/problems/service-unavailable", "status": 503, "detail": "%s"}
				""".formatted(detail)).hasHeader("Retry-After", retryAfter);
	}

	@Test
	void rollbackOnAnEvictedConnectionIsServiceUnavailable() {
		// what JpaTransactionManager throws when the statement before lost its connection
		assertThat(this.mvc.get().uri("/test/problems/rollback-failed")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.headers()
			.hasValue("Retry-After", "5");
	}

	@Test
	void unexpectedExceptionIsInternalErrorThatRevealsNothing(CapturedOutput output) {
		assertProblem(this.mvc.get().uri("/test/problems/bug"), HttpStatus.INTERNAL_SERVER_ERROR, """
				{"type": "https://mixrec.io/problems/internal-error", "title": "Internal Server Error",
				 "status": 500, "detail": "An unexpected error occurred. It has been logged on the server.",
				 "instance": "/test/problems/bug"}
				""");
		assertThat(output).contains("Unexpected error while handling GET /test/problems/bug",
				"IllegalStateException: secret internal state");
	}

	@Test
	void accessDeniedInsideAControllerIsLeftToSecurity() {
		assertProblemWith(this.mvc.get().uri("/test/problems/denied").header(TestApiKeys.HEADER, TestApiKeys.READ),
				HttpStatus.FORBIDDEN, """
						{"type": "https://mixrec.io/problems/forbidden"}
						""");
	}

	private MockMvcRequestBuilder postRating(MediaType contentType, String body) {
		return this.mvc.post()
			.uri("/test/problems/ratings")
			.header(TestApiKeys.HEADER, TestApiKeys.WRITE)
			.contentType(contentType)
			.content(body);
	}

	/**
	 * Fails in every way a feature controller can. Nested in the test class, so that no
	 * other test context picks it up by component scanning.
	 */
	@RestController
	@RequestMapping("/test/problems")
	static class FailingController {

		private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

		@GetMapping("/domain-exception")
		String domainException() {
			throw new NoSuchUserException();
		}

		@PostMapping(path = "/ratings", consumes = MediaType.APPLICATION_JSON_VALUE)
		RatingBody ratings(@Valid @RequestBody RatingBody body) {
			return body;
		}

		@GetMapping("/top")
		String top(@RequestParam @Min(1) int limit) {
			return "top " + limit;
		}

		@GetMapping("/service-validation")
		String serviceValidation() {
			throw new ConstraintViolationException(this.validator.validate(new RatingBody("", 7)));
		}

		@GetMapping("/database-down")
		String databaseDown() {
			throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLException("Connection to db-secret-host:5432 refused"));
		}

		@GetMapping("/pool-exhausted")
		String poolExhausted() {
			throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLTransientConnectionException(
							"mixrec - Connection is not available, request timed out after 3000ms"));
		}

		@GetMapping("/connection-lost")
		String connectionLost() {
			throw new IllegalStateException("merge failed",
					new SQLException("An I/O error occurred while sending to the backend.", "08006"));
		}

		@GetMapping("/rollback-failed")
		String rollbackFailed() {
			throw new IllegalStateException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed"));
		}

		@GetMapping("/bug")
		String bug() {
			throw new IllegalStateException("secret internal state");
		}

		@GetMapping("/denied")
		String denied() {
			throw new AccessDeniedException("method security said no");
		}

	}

	record RatingBody(@NotBlank String user, @Max(5) int rating) {
	}

	/** A domain exception with an extension member, as feature code throws them. */
	static class NoSuchUserException extends DomainException {

		NoSuchUserException() {
			super(Kind.NOT_FOUND, "No user with id 'u42'", null);
		}

		@Override
		public Map<String, Object> members() {
			return Map.of("userId", "u42");
		}

	}

}
