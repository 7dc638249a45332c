package io.mixrec.ratings;

import io.mixrec.web.DomainException;

/**
 * A body that cannot be read as what it should be: a file whose layout cannot be told, a
 * JSON body of the wrong shape, a body that ends early.
 */
final class UnreadableInputException extends DomainException {

	UnreadableInputException(String detail) {
		super(Kind.MALFORMED, detail, null);
	}

}
