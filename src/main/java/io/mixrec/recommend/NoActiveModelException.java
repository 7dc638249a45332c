package io.mixrec.recommend;

import java.net.URI;
import java.time.Duration;

import io.mixrec.web.DomainException;
import io.mixrec.web.ErrorTypes;

/**
 * No model is active yet, so nothing can be recommended: a state of the service until the
 * first refit, not a failure, with a type of its own that clients can wait on.
 */
final class NoActiveModelException extends DomainException {

	private final Duration retryAfter;

	NoActiveModelException(Duration retryAfter) {
		super(Kind.UNAVAILABLE, "No model is active yet: a refit must fit one first (POST /admin/refits, or wait"
				+ " for the scheduled refit). Retry later.", null);
		this.retryAfter = retryAfter;
	}

	@Override
	public URI type() {
		return ErrorTypes.NO_ACTIVE_MODEL;
	}

	@Override
	public String title() {
		return "No active model";
	}

	@Override
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
