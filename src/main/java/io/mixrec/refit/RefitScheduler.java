package io.mixrec.refit;

import java.util.Optional;

import io.mixrec.ratings.RatingChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled side of refits: a refit on {@code mixrec.refit.cron} unless nothing
 * changed, and the reaper that fails runs whose runner stopped sending heartbeats (at
 * startup and every heartbeat period), which releases the refit lock of a dead runner.
 */
@Component
class RefitScheduler {

	private static final Logger logger = LoggerFactory.getLogger(RefitScheduler.class);

	private final RefitService refits;

	private final RefitRunRepository versions;

	private final RefitProperties properties;

	private final RefitMetrics metrics;

	private final RatingChanges ratings;

	RefitScheduler(RefitService refits, RefitRunRepository versions, RefitProperties properties, RefitMetrics metrics,
			RatingChanges ratings) {
		this.refits = refits;
		this.versions = versions;
		this.properties = properties;
		this.metrics = metrics;
		this.ratings = ratings;
	}

	@Scheduled(cron = "${mixrec.refit.cron:0 0 * * * *}")
	void scheduledRefit() {
		Optional<String> skip = reasonToSkip();
		if (skip.isPresent()) {
			logger.info("Scheduled refit skipped: {}", skip.get());
			this.metrics.skipped(skip.get().split(":")[0]);
			return;
		}
		try {
			long version = this.refits.start(RefitRequest.defaults(), "scheduled");
			logger.info("Scheduled refit {} started", version);
		}
		catch (RefitInProgressException ex) {
			logger.info("Scheduled refit skipped: running: another refit started meanwhile");
			this.metrics.skipped("running");
		}
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${mixrec.refit.heartbeat:5s}")
	void failStaleRuns() {
		try {
			int failed = this.versions.failStale(this.properties.lease());
			if (failed > 0) {
				logger.warn("Marked {} refit run(s) failed: their runner stopped sending heartbeats", failed);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not check for stale refit runs: {}", ex.getMessage());
		}
	}

	/**
	 * A refit is skipped while another runs, when there is nothing to fit, and when no
	 * rating was added, changed or deleted since the data of the newest fitted version
	 * (the active one, or a newer one that was rejected: refitting identical data with
	 * the same options would only repeat it).
	 */
	Optional<String> reasonToSkip() {
		Optional<Long> running = this.versions.runningVersion();
		if (running.isPresent()) {
			return Optional.of("running: refit " + running.get() + " is in progress");
		}
		Optional<String> watermark = this.versions.latestWatermark();
		if (watermark.isEmpty()) {
			return this.ratings.noRatings() ? Optional.of("no-ratings: there are no ratings yet") : Optional.empty();
		}
		return this.ratings.changedSince(watermark.get()) ? Optional.empty()
				: Optional.of("unchanged: no rating was added, changed or deleted since the last fitted data");
	}

}
