package io.mixrec.em;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * Waits for the pieces of a fit that run on an executor. Each piece writes only its own
 * slots, and whoever combines them does so in index order, so the thread count never
 * changes a result.
 */
final class Tasks {

	private Tasks() {
	}

	/**
	 * Calls every job on the executor and returns their results in the jobs' order.
	 * @param executor where the jobs run
	 * @param jobs the jobs
	 * @param <T> result type
	 * @return the results, in order
	 */
	static <T> List<T> all(ExecutorService executor, List<? extends Callable<T>> jobs) {
		@SuppressWarnings("unchecked")
		Future<T>[] pending = new Future[jobs.size()];
		for (int i = 0; i < pending.length; i++) {
			pending[i] = executor.submit(jobs.get(i));
		}
		@SuppressWarnings("unchecked")
		T[] results = (T[]) new Object[pending.length];
		for (int i = 0; i < pending.length; i++) {
			results[i] = await(pending, i);
		}
		return List.of(results);
	}

	/**
	 * Waits for {@code pending[index]} and clears it; on failure cancels the rest and
	 * rethrows.
	 */
	static <T> T await(@Nullable Future<T>[] pending, int index) {
		try {
			T done = Objects.requireNonNull(pending[index], "awaited twice").get();
			pending[index] = null;
			return done;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw cancel(pending, new CancellationException("fit interrupted"));
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw cancel(pending, runtime);
			}
			if (cause instanceof Error error) {
				throw cancel(pending, error);
			}
			throw cancel(pending, new IllegalStateException(cause));
		}
	}

	private static <E extends Throwable> E cancel(@Nullable Future<?>[] pending, E failure) {
		for (Future<?> future : pending) {
			if (future != null) {
				future.cancel(true);
			}
		}
		return failure;
	}

}
