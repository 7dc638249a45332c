package io.mixrec.web;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits requests so that no client, with or without a key, can starve, stall or take
 * down the others. Runs after Spring Security, so it knows the client: the API key, or
 * the remote address for requests without one. In order:
 * <ol>
 * <li>a client has at most {@code mixrec.web.max-requests-per-client} requests in the
 * service (429 beyond), which bounds the threads and memory it can take;</li>
 * <li>the request body is read completely, to memory or a spool file, within size and
 * rate limits ({@link BodySpool}), before the request takes a turn;</li>
 * <li>the request waits for one of {@code mixrec.web.max-concurrent-requests} turns
 * ({@link FairTurns}: a client holds at most half of them, and a free turn goes to the
 * waiting client that holds the fewest), or gets 503 after {@code queue-timeout};</li>
 * <li>the answer is produced into memory ({@link BufferedResponse}), the turn is given
 * back, and only then is the answer sent, without a thread waiting on the client and with
 * a deadline ({@link ResponseSender}).</li>
 * </ol>
 * So a turn is only ever held by work on the server. Health probes skip all of it, so
 * they still answer while every turn is taken.
 *
 * <p>
 * Why turns at all: Tomcat gives each request a thread of its own, up to 200. With 32
 * clients on 2 cores, 32 threads then share the cores, each request is preempted many
 * times, and the slowest ones wait for all the others. A few turns per core keep the tail
 * short at the same throughput (bench/README.md, "Recommendation load").
 *
 * <p>
 * The cost: a request waiting for the database holds its turn. When the database hangs,
 * requests stuck on it can hold every turn, and the others, even those that need no
 * database, wait up to the queue timeout and get 503. Set the limit above the connection
 * pool's size where those must stay available during an outage.
 */
public final class RequestConcurrencyLimitFilter extends OncePerRequestFilter {

	private static final String HEALTH = "/actuator/health";

	private final FairTurns turns;

	private final long timeoutNanos;

	private final int maxRequestsPerClient;

	private final @Nullable BodySpool spool;

	private final @Nullable TransferProperties transfer;

	private final ProblemDetailsWriter problems;

	private final ConcurrentHashMap<String, Integer> inService = new ConcurrentHashMap<>();

	/**
	 * A limit without body spooling or answer buffering (tests of the turns alone).
	 * @param limit requests that run at once
	 * @param timeoutNanos how long a request waits for its turn
	 * @param problems writes the 503
	 */
	public RequestConcurrencyLimitFilter(int limit, long timeoutNanos, ProblemDetailsWriter problems) {
		this(new FairTurns(limit, limit), timeoutNanos, Integer.MAX_VALUE, null, null, problems);
	}

	RequestConcurrencyLimitFilter(FairTurns turns, long timeoutNanos, int maxRequestsPerClient,
			@Nullable BodySpool spool, @Nullable TransferProperties transfer, ProblemDetailsWriter problems) {
		this.turns = turns;
		this.timeoutNanos = timeoutNanos;
		this.maxRequestsPerClient = maxRequestsPerClient;
		this.spool = spool;
		this.transfer = transfer;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = client(request);
		if (!enter(client)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			reject(request, response, HttpStatus.TOO_MANY_REQUESTS, ErrorTypes.TOO_MANY_REQUESTS,
					"This client has " + this.maxRequestsPerClient + " requests in the service already. Retry later.");
			return;
		}
		boolean sending = false;
		try {
			BodySpool.Body body;
			try {
				body = (this.spool != null && BodySpool.hasBody(request)) ? this.spool.read(request) : null;
			}
			catch (BodyRejectedException ex) {
				// The rest of the body stays unread: the connection cannot be reused.
				response.setHeader(HttpHeaders.CONNECTION, "close");
				if (ex.kind() == DomainException.Kind.UNAVAILABLE) {
					response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()));
				}
				reject(request, response, ex.kind().status(), ex.kind().type(), ex.detail());
				return;
			}
			try {
				HttpServletRequest admitted = (body != null) ? new SpooledBodyRequest(request, body) : request;
				sending = runInTurn(client, admitted, response, chain);
			}
			finally {
				if (body != null) {
					body.close();
				}
			}
		}
		finally {
			if (!sending) {
				leave(client);
			}
		}
	}

	/**
	 * @return whether an answer is being sent asynchronously, which will call leave
	 */
	private boolean runInTurn(String client, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		boolean turn;
		try {
			turn = this.turns.acquire(client, this.timeoutNanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			turn = false;
		}
		if (!turn) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			reject(request, response, HttpStatus.SERVICE_UNAVAILABLE, ErrorTypes.SERVICE_UNAVAILABLE,
					"The service is busy: the request waited " + TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos)
							+ " ms for a turn. Retry later.");
			return false;
		}
		if (this.transfer == null) {
			try {
				chain.doFilter(request, response);
			}
			finally {
				this.turns.release(client);
			}
			return false;
		}
		BufferedResponse buffered = new BufferedResponse(response,
				(int) this.transfer.maxResponseBufferBytes().toBytes());
		try {
			chain.doFilter(request, buffered);
		}
		finally {
			this.turns.release(client);
		}
		return send(client, request, response, buffered);
	}

	private boolean send(String client, HttpServletRequest request, HttpServletResponse response,
			BufferedResponse buffered) throws IOException {
		if (!buffered.isBuffered() || request.isAsyncStarted()) {
			return false;
		}
		int size = buffered.size();
		if (size == 0) {
			return false;
		}
		if (!request.isAsyncSupported()) {
			response.getOutputStream().write(buffered.body(), 0, size);
			return false;
		}
		// only a buffering filter sends, and it buffers only with transfer settings
		TransferProperties transfer = Objects.requireNonNull(this.transfer);
		long timeoutMillis = TimeUnit.NANOSECONDS.toMillis(transfer.allowedNanos(size));
		ResponseSender.send(request, response, buffered.body(), size, timeoutMillis, () -> leave(client));
		return true;
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, java.net.URI type,
			String detail) throws IOException {
		this.problems.write(response, ProblemDetailsWriter.problem(status, type, detail, request.getRequestURI()));
	}

	private boolean enter(String client) {
		boolean[] admitted = new boolean[1];
		this.inService.compute(client, (key, count) -> {
			int current = (count != null) ? count : 0;
			admitted[0] = current < this.maxRequestsPerClient;
			return admitted[0] ? current + 1 : ((count != null) ? count : null);
		});
		return admitted[0];
	}

	private void leave(String client) {
		this.inService.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * Who sends the request: the authenticated key, else the remote address.
	 * @param request the request
	 * @return a name for the client
	 */
	static String client(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "key:" + authentication.getName();
		}
		return "address:" + request.getRemoteAddr();
	}

	/**
	 * @return how many more requests could run now (tests)
	 */
	int availableTurns() {
		return this.turns.available();
	}

	/**
	 * @return the turns, for readiness
	 */
	FairTurns turns() {
		return this.turns;
	}

}
