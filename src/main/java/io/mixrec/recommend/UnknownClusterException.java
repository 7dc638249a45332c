package io.mixrec.recommend;

import io.mixrec.web.DomainException;

/**
 * The request names a cluster the active model does not have.
 */
final class UnknownClusterException extends DomainException {

	UnknownClusterException(int index, int clusters) {
		super(Kind.NOT_FOUND, "No cluster " + index + ": the active model has clusters 0 to " + (clusters - 1) + ".",
				null);
	}

}
