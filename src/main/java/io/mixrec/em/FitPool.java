package io.mixrec.em;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of threads that one fit owns, named {@code mixrec-<role>-<pool>-<thread>}.
 * Closing it stops the pool and waits until every thread it made has ended, so that no
 * thread of a fit outlives it (Java 17's executors are not yet closeable, and a
 * terminated pool's last worker may still be on its way out). The threads are daemons, so
 * that a fit left running by a failing caller cannot keep the JVM up.
 */
final class FitPool implements AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final String namePrefix;

	private final AtomicInteger threads = new AtomicInteger();

	private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

	private final ExecutorService executor;

	/**
	 * @param role what the threads do, in their names
	 * @param size how many threads
	 */
	FitPool(String role, int size) {
		this.namePrefix = "mixrec-" + role + "-" + POOLS.incrementAndGet() + "-";
		this.executor = Executors.newFixedThreadPool(size, this::newThread);
	}

	ExecutorService executor() {
		return this.executor;
	}

	private Thread newThread(Runnable task) {
		Thread worker = new Thread(task, this.namePrefix + this.threads.incrementAndGet());
		worker.setDaemon(true);
		this.made.add(worker);
		return worker;
	}

	/**
	 * Stops the pool and waits until its threads have ended. An interrupt while waiting
	 * is kept for the caller, not lost.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
		boolean interrupted = false;
		while (true) {
			try {
				if (this.executor.awaitTermination(1, TimeUnit.MINUTES)) {
					break;
				}
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		for (Thread worker : this.made) {
			while (worker.isAlive()) {
				try {
					worker.join();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
