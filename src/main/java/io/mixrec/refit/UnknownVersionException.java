package io.mixrec.refit;

import io.mixrec.web.DomainException;

/** The request names a model version that does not exist: 404. */
final class UnknownVersionException extends DomainException {

	UnknownVersionException(long version) {
		super(Kind.NOT_FOUND, "No model version " + version + ".", null);
	}

}
