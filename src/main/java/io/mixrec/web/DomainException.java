package io.mixrec.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Base of the exceptions that feature and persistence code throws to say what went wrong
 * in its own terms (an unknown user, a file with bad lines, writes that kept conflicting)
 * without choosing an HTTP status: the {@link Kind} names the status and problem type
 * that {@link ProblemDetailsAdvice} answers with, so that JDBC and service code stays
 * free of HTTP. The message is the problem's {@code detail} and is shown to the client:
 * never put secrets or internal state in it.
 */
public abstract class DomainException extends RuntimeException {

	/** What kind of failure it is; each has one status and problem type. */
	public enum Kind {

		/** The input breaks a rule: 400 {@code validation-failed}. */
		INVALID(HttpStatus.BAD_REQUEST, ErrorTypes.VALIDATION_FAILED),

		/** The input cannot be read at all: 400 {@code malformed-request}. */
		MALFORMED(HttpStatus.BAD_REQUEST, ErrorTypes.MALFORMED_REQUEST),

		/** What the request names does not exist: 404 {@code not-found}. */
		NOT_FOUND(HttpStatus.NOT_FOUND, ErrorTypes.NOT_FOUND),

		/** It clashes with the state of the service: 409 {@code conflict}. */
		CONFLICT(HttpStatus.CONFLICT, ErrorTypes.CONFLICT),

		/** The request body is over its limit: 413 {@code content-too-large}. */
		TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, ErrorTypes.CONTENT_TOO_LARGE),

		/** The request body arrived too slowly: 408 {@code request-timeout}. */
		TOO_SLOW(HttpStatus.REQUEST_TIMEOUT, ErrorTypes.REQUEST_TIMEOUT),

		/** Not possible now, but later: 503 with {@code Retry-After}. */
		UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, ErrorTypes.SERVICE_UNAVAILABLE);

		private final HttpStatus status;

		private final URI type;

		Kind(HttpStatus status, URI type) {
			this.status = status;
			this.type = type;
		}

		/**
		 * The status that answers this kind.
		 * @return the status
		 */
		public HttpStatus status() {
			return this.status;
		}

		/**
		 * The problem type of this kind, unless the exception names a more specific one.
		 * @return the type
		 */
		public URI type() {
			return this.type;
		}

	}

	private final Kind kind;

	private final String detail;

	/**
	 * An exception of a kind.
	 * @param kind what kind of failure it is
	 * @param detail what happened, for the client
	 * @param cause the underlying failure, logged but never shown, or null
	 */
	protected DomainException(Kind kind, String detail, @Nullable Throwable cause) {
		super(detail, cause);
		this.kind = kind;
		this.detail = detail;
	}

	/**
	 * What kind of failure this is.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * What happened, for the client: the problem's {@code detail}.
	 * @return the detail
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * A more specific problem type than the kind's, for a state clients branch on.
	 * @return the type, or null for the kind's own
	 */
	public @Nullable URI type() {
		return null;
	}

	/**
	 * A title other than the status's reason phrase.
	 * @return the title, or null
	 */
	public @Nullable String title() {
		return (this.kind == Kind.INVALID) ? "Validation failed" : null;
	}

	/**
	 * RFC 9457 extension members, such as the list of invalid fields.
	 * @return the members, empty by default
	 */
	public Map<String, Object> members() {
		return Map.of();
	}

	/**
	 * How long the client should wait before retrying an {@link Kind#UNAVAILABLE}
	 * failure.
	 * @return the pause
	 */
	public Duration retryAfter() {
		return Duration.ofSeconds(1);
	}

}
