package io.mixrec.model;

import io.mixrec.web.DomainException;

/** The request names a model version that does not exist. */
final class UnknownModelVersionException extends DomainException {

	UnknownModelVersionException(long version) {
		super(Kind.NOT_FOUND, "No model version " + version + ".", null);
	}

}
