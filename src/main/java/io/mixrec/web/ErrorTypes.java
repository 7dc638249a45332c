package io.mixrec.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code type} URIs of mixrec's problem details. Clients branch on these, not
 * on {@code title} or {@code detail} text, so a URI never changes meaning once released.
 * A feature that needs a type more specific than its {@link DomainException.Kind kind's}
 * adds a constant here (one per distinct problem, e.g. {@code no-active-model}) and
 * answers it from {@link DomainException#type()}.
 */
public final class ErrorTypes {

	/** Prefix of every mixrec problem type. */
	public static final String BASE = "https://mixrec.io/problems/";

	/** The request is syntactically broken (unreadable body, bad parameter type, ...). */
	public static final URI MALFORMED_REQUEST = of("malformed-request");

	/**
	 * The request is well-formed but some fields break constraints; see {@code errors}.
	 */
	public static final URI VALIDATION_FAILED = of("validation-failed");

	/** No or an unknown API key. */
	public static final URI UNAUTHORIZED = of("unauthorized");

	/** The API key's role does not allow the request. */
	public static final URI FORBIDDEN = of("forbidden");

	/** Nothing exists at this path, or the addressed resource does not exist. */
	public static final URI NOT_FOUND = of("not-found");

	/** The path exists but not for this HTTP method. */
	public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");

	/** The server cannot produce a representation the client accepts. */
	public static final URI NOT_ACCEPTABLE = of("not-acceptable");

	/** The request conflicts with the current state of the resource. */
	public static final URI CONFLICT = of("conflict");

	/** The request body is larger than allowed (RFC 9110 "Content Too Large"). */
	public static final URI CONTENT_TOO_LARGE = of("content-too-large");

	/**
	 * The request body arrived too slowly (below {@code mixrec.web.transfer.min-rate}
	 * after the grace period), or not at all.
	 */
	public static final URI REQUEST_TIMEOUT = of("request-timeout");

	/**
	 * The client has too many requests in the service at once
	 * ({@code mixrec.web.max-requests-per-client}); {@code Retry-After} says when to try
	 * again.
	 */
	public static final URI TOO_MANY_REQUESTS = of("too-many-requests");

	/** The request body's content type is not supported by the endpoint. */
	public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");

	/**
	 * A bug or an unexpected failure on the server; details are only in the server log.
	 */
	public static final URI INTERNAL_ERROR = of("internal-error");

	/** A dependency (the database) is unreachable; retrying later may succeed. */
	public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");

	/**
	 * No model serves yet: a refit has to fit and activate one first ({@code Retry-After}
	 * says when to try again).
	 */
	public static final URI NO_ACTIVE_MODEL = of("no-active-model");

	private ErrorTypes() {
	}

	/**
	 * The generic type for a status, used when the code that failed did not choose a more
	 * specific one.
	 * @param status the HTTP status of the response
	 * @return the type URI, or {@code about:blank} (RFC 9457: nothing beyond the status)
	 */
	public static URI forStatus(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return URI.create("about:blank");
		}
		return switch (known) {
			case BAD_REQUEST -> MALFORMED_REQUEST;
			case UNAUTHORIZED -> UNAUTHORIZED;
			case FORBIDDEN -> FORBIDDEN;
			case NOT_FOUND -> NOT_FOUND;
			case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
			case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
			case CONFLICT -> CONFLICT;
			case CONTENT_TOO_LARGE -> CONTENT_TOO_LARGE;
			case REQUEST_TIMEOUT -> REQUEST_TIMEOUT;
			case TOO_MANY_REQUESTS -> TOO_MANY_REQUESTS;
			case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
			case INTERNAL_SERVER_ERROR -> INTERNAL_ERROR;
			case SERVICE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
			default -> URI.create("about:blank");
		};
	}

	private static URI of(String slug) {
		return URI.create(BASE + slug);
	}

}
