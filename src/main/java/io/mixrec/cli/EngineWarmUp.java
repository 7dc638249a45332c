package io.mixrec.cli;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mixrec.em.EmOptions;
import io.mixrec.em.Kernels;
import io.mixrec.em.PassWarmUp;
import org.jspecify.annotations.Nullable;

/**
 * Gets the engine compiled on the other core while a command reads its files: first the
 * SIMD kernels ({@link Kernels#warmUp}), then, for a single mixture, the whole EM pass
 * ({@link PassWarmUp}). The command owns the thread: closing this stops it and waits for
 * it, so nothing of the warm-up outlives the command.
 */
final class EngineWarmUp implements AutoCloseable {

	/** What is not compiled by then stays scalar: the faster choice on that JVM. */
	static final Duration KERNEL_BUDGET = Duration.ofSeconds(5);

	private final ExecutorService thread;

	private EngineWarmUp(ExecutorService thread) {
		this.thread = thread;
	}

	/**
	 * @param kernels the kernels the command's fits will use
	 * @param pass the options of the single-mixture fit to come, or null to warm the
	 * kernels only
	 * @return the running warm-up
	 */
	static EngineWarmUp start(Kernels kernels, @Nullable EmOptions pass) {
		ExecutorService thread = Executors.newSingleThreadExecutor((task) -> {
			Thread worker = new Thread(task, "mixrec-warm-up");
			worker.setDaemon(true);
			worker.setPriority(Thread.MIN_PRIORITY);
			return worker;
		});
		thread.execute(() -> {
			kernels.warmUp(KERNEL_BUDGET);
			if (pass != null) {
				PassWarmUp.run(pass, kernels);
			}
		});
		return new EngineWarmUp(thread);
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
		try {
			this.thread.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
