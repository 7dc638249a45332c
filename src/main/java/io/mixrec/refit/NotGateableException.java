package io.mixrec.refit;

import io.mixrec.web.DomainException;

/**
 * The quality gate cannot decide on this version: it is not a stored version waiting for
 * its gate, or it records no holdout the gate could rebuild. 409, saying why and what to
 * do instead.
 */
final class NotGateableException extends DomainException {

	NotGateableException(String detail) {
		super(Kind.CONFLICT, detail, null);
	}

}
