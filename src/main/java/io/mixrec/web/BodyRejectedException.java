package io.mixrec.web;

import java.time.Duration;

/**
 * A request body that {@link BodySpool} will not take: over its limit, arriving too
 * slowly, or with every spool byte in use. Answered by the filter that reads bodies,
 * before any controller runs.
 */
final class BodyRejectedException extends DomainException {

	/** A full spool frees itself as uploads finish, which takes seconds. */
	private static final Duration SPOOL_FULL_RETRY = Duration.ofSeconds(5);

	private BodyRejectedException(Kind kind, String detail) {
		super(kind, detail, null);
	}

	static BodyRejectedException tooLarge(long limit) {
		return new BodyRejectedException(Kind.TOO_LARGE,
				"The request body is larger than the limit of " + limit + " bytes.");
	}

	static BodyRejectedException tooSlow(long received, TransferProperties properties) {
		return new BodyRejectedException(Kind.TOO_SLOW,
				"The request body arrived too slowly (" + received + " bytes received): it may take "
						+ properties.grace().toSeconds() + " s plus 1 s per " + properties.minRate().toBytes()
						+ " bytes.");
	}

	static BodyRejectedException spoolFull() {
		return new BodyRejectedException(Kind.UNAVAILABLE,
				"The service cannot take more uploads right now. Retry later.");
	}

	@Override
	public Duration retryAfter() {
		return SPOOL_FULL_RETRY;
	}

}
