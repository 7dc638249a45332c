package io.mixrec.refit;

import io.mixrec.web.DomainException;

/** A refit asked to stop has already finished. */
final class RefitNotRunningException extends DomainException {

	RefitNotRunningException(long version, String status) {
		super(Kind.CONFLICT, "Refit " + version + " is not running (it is " + status + ").", null);
	}

}
