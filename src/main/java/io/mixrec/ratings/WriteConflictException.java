package io.mixrec.ratings;

import io.mixrec.web.DomainException;

/**
 * A write lost to concurrent writers every time it was tried ({@link TransientFailures}):
 * nothing is wrong with it, so the client is told to send it again a little later.
 */
final class WriteConflictException extends DomainException {

	WriteConflictException(int attempts, Throwable last) {
		super(Kind.UNAVAILABLE, "The write conflicted with concurrent writes " + attempts + " times. Retry later.",
				last);
	}

}
