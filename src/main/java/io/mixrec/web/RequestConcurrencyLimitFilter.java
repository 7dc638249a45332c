package io.mixrec.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most {@code mixrec.web.max-concurrent-requests} requests run at a time; the
 * others wait for a turn in arrival order, and one that waits longer than
 * {@code mixrec.web.queue-timeout} is answered 503 with {@code Retry-After}. Health
 * probes ({@code /actuator/health/**}) never wait, so they still answer while every turn
 * is taken, by requests stuck on a database that does not answer, say.
 *
 * <p>
 * Why: Tomcat gives each request a thread of its own, up to 200. With 32 clients on 2
 * cores, 32 threads then share the cores, each request is preempted many times, and the
 * slowest ones wait for all the others. In the load benchmark ({@code
 * bench/recommend-load.sh}, 32 connections) this limit at 8 gave a p99 of 12 to 15 ms for
 * recommendations against 34 to 36 ms without it, at the same throughput. A pool of 8
 * request threads did as well but starved the health probes while the database hung; this
 * limit does not. Waiting requests are parked, so they cost no CPU.
 *
 * <p>
 * The cost: a request waiting for the database holds its turn. When the database hangs,
 * requests stuck on it can hold every turn, and the others, even those that need no
 * database, wait up to the queue timeout and get 503. Set the limit above the connection
 * pool's size where those must stay available during an outage.
 */
public final class RequestConcurrencyLimitFilter extends OncePerRequestFilter {

	private static final String HEALTH = "/actuator/health";

	private final Semaphore turns;

	private final long timeoutNanos;

	private final ProblemDetailsWriter problems;

	/**
	 * @param limit requests that run at once
	 * @param timeoutNanos how long a request waits for its turn
	 * @param problems writes the 503
	 */
	public RequestConcurrencyLimitFilter(int limit, long timeoutNanos, ProblemDetailsWriter problems) {
		this.turns = new Semaphore(limit, true);
		this.timeoutNanos = timeoutNanos;
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
		boolean turn;
		try {
			turn = this.turns.tryAcquire(this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			turn = false;
		}
		if (!turn) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			this.problems.write(response,
					ProblemDetailsWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, ErrorTypes.SERVICE_UNAVAILABLE,
							"The service is busy: the request waited "
									+ TimeUnit.NANOSECONDS.toMillis(this.timeoutNanos) + " ms for a turn. Retry later.",
							request.getRequestURI()));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.turns.release();
		}
	}

	/**
	 * @return how many more requests could run now (tests)
	 */
	int availableTurns() {
		return this.turns.availablePermits();
	}

}
