package io.mixrec.refit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Executes this instance's refit runs on a thread of their own and keeps each run's lease
 * alive: every {@code progress-interval} in which the progress changed, and at least
 * every {@code heartbeat}, it writes the run's progress to its row, which also tells it
 * whether a cancel was requested (from any instance) or whether the row was taken away
 * because the lease expired; either way the fit is asked to stop. Readers on this
 * instance get the progress from memory ({@link #live}).
 */
@Component
class RefitRunner implements DisposableBean {

	private final RefitJob job;

	private final RefitRunRepository versions;

	private final RefitProperties properties;

	private final ExecutorService jobs = Executors.newSingleThreadExecutor((task) -> daemon(task, "mixrec-refit"));

	private final ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor((task) -> daemon(task, "mixrec-refit-heartbeat"));

	private final Map<Long, RefitProgress> running = new ConcurrentHashMap<>();

	RefitRunner(RefitJob job, RefitRunRepository versions, RefitProperties properties) {
		this.job = job;
		this.versions = versions;
		this.properties = properties;
	}

	/** Starts a run whose row has just been inserted. */
	void submit(RefitPlan plan) {
		RefitProgress progress = new RefitProgress(plan.version());
		this.running.put(plan.version(), progress);
		long heartbeatNanos = this.properties.heartbeat().toNanos();
		long period = Math.min(this.properties.heartbeat().toMillis(), this.properties.progressInterval().toMillis());
		long[] written = { -1, System.nanoTime() };
		ScheduledFuture<?> heartbeat = this.heartbeats.scheduleWithFixedDelay(() -> {
			long changes = progress.changes();
			if (changes != written[0] || System.nanoTime() - written[1] >= heartbeatNanos) {
				written[0] = changes;
				written[1] = System.nanoTime();
				beat(progress);
			}
		}, 0, Math.max(period, 1), TimeUnit.MILLISECONDS);
		this.jobs.execute(() -> {
			try {
				this.job.run(plan, progress);
			}
			finally {
				heartbeat.cancel(false);
				this.running.remove(plan.version());
			}
		});
	}

	/**
	 * Asks a run of this instance to stop at once (other instances learn it from their
	 * heartbeat).
	 * @param version the run
	 */
	void stopLocally(long version, String reason) {
		RefitProgress progress = this.running.get(version);
		if (progress != null) {
			progress.stop(reason);
		}
	}

	/**
	 * @param version a run
	 * @return its progress as of now, when this instance runs it
	 */
	Optional<LiveRefit> live(long version) {
		return Optional.ofNullable(this.running.get(version)).map(RefitProgress::snapshot);
	}

	private void beat(RefitProgress progress) {
		LeaseRenewal.renew("Refit " + progress.version(), () -> {
			double[] trace = progress.trace();
			return this.versions.heartbeat(progress.version(), progress.phase(), trace.length, trace,
					progress.initialisation());
		}, progress::stop, "lease lost: the run's row is no longer running (heartbeats were late)");
	}

	@Override
	public void destroy() throws InterruptedException {
		this.running.values().forEach((progress) -> progress.stop("the instance is shutting down"));
		this.jobs.shutdown();
		if (!this.jobs.awaitTermination(20, TimeUnit.SECONDS)) {
			this.jobs.shutdownNow();
		}
		this.heartbeats.shutdownNow();
	}

	/** A thread that does not keep the JVM alive: refits and gates run on such. */
	static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
