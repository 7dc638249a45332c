package io.mixrec.em;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Runs independent pieces of a fit on an executor and waits for all of them. Each piece
 * writes only its own slots, and whoever combines them does so in index order, so the
 * thread count never changes a result.
 */
final class Tasks {

	private Tasks() {
	}

	/**
	 * Runs {@code work.accept(i)} for i in [0, count) and waits for all.
	 * @param executor where the pieces run
	 * @param count number of pieces
	 * @param work the piece; must only write slots of its own index
	 * @param cancelled polled before each piece; true throws
	 * {@link CancellationException}
	 */
	static void each(ExecutorService executor, int count, IntConsumer work, BooleanSupplier cancelled) {
		@SuppressWarnings("unchecked")
		Future<Object>[] pending = new Future[count];
		for (int i = 0; i < count; i++) {
			int index = i;
			pending[i] = executor.submit(() -> {
				if (cancelled.getAsBoolean()) {
					throw new CancellationException("fit cancelled");
				}
				work.accept(index);
				return null;
			});
		}
		for (int i = 0; i < count; i++) {
			await(pending, i);
		}
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
	static <T> T await(Future<T>[] pending, int index) {
		try {
			T done = pending[index].get();
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
				cancel(pending, null);
				throw error;
			}
			throw cancel(pending, new IllegalStateException(cause));
		}
	}

	private static RuntimeException cancel(Future<?>[] pending, RuntimeException failure) {
		for (Future<?> future : pending) {
			if (future != null) {
				future.cancel(true);
			}
		}
		return failure;
	}

}
