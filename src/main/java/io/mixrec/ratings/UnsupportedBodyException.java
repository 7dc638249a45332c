package io.mixrec.ratings;

import org.springframework.web.HttpMediaTypeNotSupportedException;

/**
 * An import body in a content coding or a charset that the import cannot read: Spring's
 * own 415 {@code unsupported-media-type}, with a detail that says what to send instead.
 */
final class UnsupportedBodyException extends HttpMediaTypeNotSupportedException {

	UnsupportedBodyException(String detail) {
		super(detail);
		// The constructor's detail is about a Content-Type that cannot be parsed.
		getBody().setDetail(detail);
	}

}
