package io.mixrec.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns to run a request, shared fairly between clients: at most {@code limit} at once,
 * at most {@code perClient} of them for one client, and a turn that comes free goes to
 * the waiting client that holds the fewest (the one that waited longest among equals). So
 * a client with 64 connections waits behind its own requests, not in front of others: a
 * client that holds no turn gets the next one.
 *
 * <p>
 * Waiting requests are parked, so they cost no CPU. The waiters are scanned on every
 * hand-over; there are at most as many as the server has request threads.
 */
final class FairTurns {

	private final int limit;

	private final int perClient;

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Integer> held = new HashMap<>();

	/** In arrival order. */
	private final List<Waiter> waiters = new ArrayList<>();

	private int free;

	private long lastTimeoutNanos = Long.MIN_VALUE;

	FairTurns(int limit, int perClient) {
		if (limit < 1 || perClient < 1) {
			throw new IllegalArgumentException("limit and perClient must be positive, not " + limit + ", " + perClient);
		}
		this.limit = limit;
		this.perClient = Math.min(perClient, limit);
		this.free = limit;
	}

	/**
	 * Wait for a turn.
	 * @param client who asks
	 * @param timeoutNanos how long to wait at most
	 * @return whether the client got a turn; if so, it must {@link #release} it
	 * @throws InterruptedException if interrupted while waiting (then it has no turn)
	 */
	boolean acquire(String client, long timeoutNanos) throws InterruptedException {
		this.lock.lock();
		try {
			if (this.waiters.isEmpty() && this.free > 0 && held(client) < this.perClient) {
				grant(client);
				return true;
			}
			Waiter waiter = new Waiter(client, System.nanoTime(), this.lock.newCondition());
			this.waiters.add(waiter);
			dispatch();
			long remaining = timeoutNanos;
			try {
				while (!waiter.granted) {
					if (remaining <= 0) {
						this.waiters.remove(waiter);
						this.lastTimeoutNanos = System.nanoTime();
						return false;
					}
					remaining = waiter.condition.awaitNanos(remaining);
				}
				return true;
			}
			catch (InterruptedException ex) {
				if (waiter.granted) {
					releaseLocked(client);
				}
				else {
					this.waiters.remove(waiter);
				}
				throw ex;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Give a turn back.
	 * @param client who held it
	 */
	void release(String client) {
		this.lock.lock();
		try {
			releaseLocked(client);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How long the longest-waiting request that could run if a turn were free has waited:
	 * the service is saturated for everyone when this grows. Requests that wait only
	 * because their client holds its share do not count.
	 * @return nanoseconds, 0 if no such request waits
	 */
	long longestEligibleWaitNanos() {
		this.lock.lock();
		try {
			for (Waiter waiter : this.waiters) {
				if (held(waiter.client) < this.perClient) {
					return System.nanoTime() - waiter.since;
				}
			}
			return 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @param withinNanos how far back to look
	 * @return whether a request gave up waiting for a turn that recently
	 */
	boolean timedOutWithin(long withinNanos) {
		this.lock.lock();
		try {
			return this.lastTimeoutNanos != Long.MIN_VALUE && System.nanoTime() - this.lastTimeoutNanos < withinNanos;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @return how many more requests could run now
	 */
	int available() {
		this.lock.lock();
		try {
			return this.free;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @return how many requests wait for a turn
	 */
	int waiting() {
		this.lock.lock();
		try {
			return this.waiters.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @return the turns in all
	 */
	int limit() {
		return this.limit;
	}

	private void releaseLocked(String client) {
		int count = held(client) - 1;
		if (count < 0) {
			throw new IllegalStateException("Client " + client + " released a turn it did not hold");
		}
		if (count == 0) {
			this.held.remove(client);
		}
		else {
			this.held.put(client, count);
		}
		this.free++;
		dispatch();
	}

	private void dispatch() {
		while (this.free > 0) {
			Waiter best = null;
			int fewest = Integer.MAX_VALUE;
			for (Waiter waiter : this.waiters) {
				int count = held(waiter.client);
				if (count < this.perClient && count < fewest) {
					best = waiter;
					fewest = count;
				}
			}
			if (best == null) {
				return;
			}
			this.waiters.remove(best);
			grant(best.client);
			best.granted = true;
			best.condition.signal();
		}
	}

	private void grant(String client) {
		this.held.merge(client, 1, Integer::sum);
		this.free--;
	}

	private int held(String client) {
		return this.held.getOrDefault(client, 0);
	}

	private static final class Waiter {

		private final String client;

		private final long since;

		private final Condition condition;

		private boolean granted;

		Waiter(String client, long since, Condition condition) {
			this.client = client;
			this.since = since;
			this.condition = condition;
		}

	}

}
