package io.mixrec.refit;

import io.mixrec.web.DomainException;

/** The request names a refit that does not exist. */
final class UnknownRefitException extends DomainException {

	UnknownRefitException(long version) {
		super(Kind.NOT_FOUND, "No refit " + version + ".", null);
	}

}
