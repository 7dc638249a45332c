package io.mixrec.model;

import io.mixrec.web.DomainException;

/**
 * A version asked to serve has no parameters (it failed, was cancelled, or still runs).
 */
final class ModelNotServableException extends DomainException {

	ModelNotServableException(long version, String status) {
		super(Kind.CONFLICT, "Model version " + version + " is " + status + " and has no parameters to serve.", null);
	}

}
