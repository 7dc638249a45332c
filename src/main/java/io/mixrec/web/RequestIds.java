package io.mixrec.web;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The request id: the client's {@value #HEADER} when it is a plausible id, otherwise a
 * new random one. It is in every answer (the header), every problem detail (member
 * {@code requestId}) and every log line written while the request runs (MDC key
 * {@value #MDC_KEY}), so that a client's report and the server's log meet.
 */
public final class RequestIds {

	/** The header that carries the id, in requests and answers. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key, for log patterns. */
	public static final String MDC_KEY = "requestId";

	/**
	 * What a client may send: short, and nothing that could forge a log line or a header.
	 */
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private RequestIds() {
	}

	/**
	 * @param presented the client's header, or null
	 * @return the presented id if acceptable, else a new one
	 */
	static String accept(@Nullable String presented) {
		if (presented != null && ACCEPTED.matcher(presented).matches()) {
			return presented;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("%016x%016x", random.nextLong(), random.nextLong());
	}

	/**
	 * @return the id of the request this thread is handling, or null outside a request
	 */
	public static @Nullable String current() {
		return MDC.get(MDC_KEY);
	}

}
