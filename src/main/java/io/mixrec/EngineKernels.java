package io.mixrec;

import java.time.Duration;

import io.mixrec.em.Kernels;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The service's EM {@link Kernels}, shared by refits and serving fold-ins, and the thread
 * that warms them up: started with the application context, stopped (and waited for) when
 * it closes, so no warm-up thread outlives the service. It also logs which kernels the
 * service runs, as a JVM without {@code jdk.incubator.vector} is slower, not wrong, and
 * nothing else would show it.
 */
@Component
class EngineKernels implements SmartLifecycle {

	/** What the JIT has not made fast by then stays scalar: the faster choice here. */
	static final Duration BUDGET = Duration.ofSeconds(5);

	private static final Log log = LogFactory.getLog(EngineKernels.class);

	private final Kernels kernels = Kernels.detect();

	private @Nullable Thread warmUp;

	/**
	 * @return the kernels every fit and fold-in of the service runs
	 */
	@Bean
	Kernels kernels() {
		return this.kernels;
	}

	@Override
	public synchronized void start() {
		log.info("EM kernels: " + this.kernels.describe());
		Thread thread = new Thread(() -> this.kernels.warmUp(BUDGET), "mixrec-kernel-warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
		this.warmUp = thread;
	}

	@Override
	public synchronized void stop() {
		Thread thread = this.warmUp;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(BUDGET.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.warmUp = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.warmUp != null;
	}

}
