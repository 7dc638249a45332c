package io.mixrec.web;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of the exceptions that feature code throws to answer a request with a problem
 * detail: a status, a stable {@link ErrorTypes type URI} and a human-readable detail.
 * Extends Spring's {@link ErrorResponseException}, so the MVC exception handling renders
 * it as {@code application/problem+json} without any per-feature handler.
 *
 * <p>
 * Typical use: {@code throw new ApiException(HttpStatus.NOT_FOUND, ErrorTypes.NOT_FOUND,
 * "No user with id 'u42'")}, or a feature-specific subclass such as
 * {@code UnknownUserException}. The detail is shown to the client: never put secrets or
 * internal state in it.
 */
public class ApiException extends ErrorResponseException {

	/**
	 * Create an exception answered with the given status, type and detail.
	 * @param status the HTTP status
	 * @param type the problem type, one of {@link ErrorTypes}
	 * @param detail explanation for the client
	 */
	public ApiException(HttpStatusCode status, URI type, String detail) {
		this(status, type, detail, Map.of(), null);
	}

	/**
	 * Create an exception with extra problem members (RFC 9457 extension members).
	 * @param status the HTTP status
	 * @param type the problem type, one of {@link ErrorTypes}
	 * @param detail explanation for the client
	 * @param properties extension members, e.g. the offending id
	 * @param cause the underlying failure, logged but never shown to the client
	 */
	public ApiException(HttpStatusCode status, URI type, String detail, Map<String, Object> properties,
			@Nullable Throwable cause) {
		super(status, problem(status, type, detail, properties), cause);
	}

	private static ProblemDetail problem(HttpStatusCode status, URI type, String detail,
			Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		properties.forEach(problem::setProperty);
		return problem;
	}

	@Override
	public String getMessage() {
		return getStatusCode().value() + " " + getBody().getType() + ": " + getBody().getDetail();
	}

}
