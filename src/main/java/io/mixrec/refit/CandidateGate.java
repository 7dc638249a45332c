package io.mixrec.refit;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.mixrec.model.ModelActivation;
import io.mixrec.model.ModelStatus;
import io.mixrec.model.ModelStore;
import io.mixrec.ratings.RatingChanges;
import io.mixrec.ratings.RatingLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The quality gate for versions written outside the service (the refit on Spark): the
 * same gate, with the same rules, figures and record, as an in-process refit's, run on
 * the version's stored parameters ({@link CandidateGateJob}). It starts on request
 * ({@code POST /admin/models/{version}/gate}) and, unless
 * {@code mixrec.refit.spark.auto-gate} is off, by itself: every
 * {@code mixrec.refit.spark.poll-interval} each instance looks for the newest Spark
 * version that waits for a gate. Versions older than the active one are passed over with
 * a note, as a refit never replaces a version published after it started; an admin may
 * still gate them.
 *
 * <p>
 * {@link #start} takes the refit lock for the gate by turning the version's own row into
 * the running one ({@link CandidateGateRepository}), so neither a refit nor another gate
 * runs meanwhile on any instance; the gate then runs on a thread of its own, renewing the
 * lease as a refit's runner does. A gate that fails, is cancelled or loses its instance
 * puts the version back, stored and noted, to be gated again on request.
 */
@Component
class CandidateGate implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CandidateGate.class);

	private final CandidateGateRepository candidates;

	private final RefitRunRepository runs;

	private final ModelActivation activation;

	private final RefitProperties properties;

	private final SparkGateProperties spark;

	private final TransactionTemplate transaction;

	/** The work of a gate that holds the lock. */
	private final CandidateGateJob job;

	private final ExecutorService gates = Executors
		.newSingleThreadExecutor((task) -> RefitRunner.daemon(task, "mixrec-gate"));

	private final ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor((task) -> RefitRunner.daemon(task, "mixrec-gate-heartbeat"));

	private volatile @Nullable GateClaim current;

	CandidateGate(CandidateGateRepository candidates, RefitRunRepository runs, ModelActivation activation,
			RatingLoader loader, RatingChanges changes, ModelStore models, RefitProperties properties,
			SparkGateProperties spark, JsonMapper json, TransactionTemplate transaction) {
		this.candidates = candidates;
		this.runs = runs;
		this.activation = activation;
		this.job = new CandidateGateJob(loader, changes, models, properties, json);
		this.properties = properties;
		this.spark = spark;
		this.transaction = transaction;
	}

	@Scheduled(fixedDelayString = "${mixrec.refit.spark.poll-interval:30s}",
			initialDelayString = "${mixrec.refit.spark.poll-interval:30s}")
	void poll() {
		if (!this.spark.autoGate()) {
			return;
		}
		try {
			gateNewest();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not look for Spark versions to gate: {}", ex.getMessage());
		}
	}

	/**
	 * Starts the gate on the newest Spark version that waits for one, if any.
	 * @return the version whose gate started
	 */
	Optional<Long> gateNewest() {
		int passed = this.candidates.passOverOlderThanActive();
		if (passed > 0) {
			logger.info("{} Spark version(s) older than the active version not gated automatically", passed);
		}
		Optional<Long> waiting = this.candidates.newestUndecided();
		if (waiting.isEmpty()) {
			return Optional.empty();
		}
		try {
			start(waiting.get());
			logger.info("Gate of Spark version {} started", waiting.get());
			return waiting;
		}
		catch (RefitInProgressException ex) {
			// a refit or another instance's gate holds the lock: the next poll tries
			// again
			logger.debug("Spark version {} not gated now: {}", waiting.get(), ex.getMessage());
			return Optional.empty();
		}
		catch (NotGateableException ex) {
			this.candidates.passOver(waiting.get(), "not gated automatically: " + ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * Takes the refit lock for the gate of a version and runs the gate in the background.
	 * @param version a stored version without a gate decision, fitted with a holdout
	 * @throws UnknownVersionException when there is no such version
	 * @throws NotGateableException when the version cannot be gated
	 * @throws RefitInProgressException when a refit or another gate runs
	 */
	void start(long version) {
		GateClaim claim = claim(version);
		this.gates.execute(() -> run(claim));
	}

	/**
	 * Takes the refit lock for the gate of a version.
	 * @param version the version
	 * @return the claim, to {@link #run}
	 */
	GateClaim claim(long version) {
		CandidateGateRepository.Candidate candidate = this.candidates.find(version)
			.orElseThrow(() -> new UnknownVersionException(version));
		GateClaim.Holdout holdout = gateable(candidate);
		this.runs.failStale(this.properties.lease());
		Optional<Long> base;
		try {
			base = this.transaction.execute((status) -> {
				// the lock that serialises refit starts: a start never sees our row
				// appear between its check and its insert
				this.runs.lockRunStarts();
				Optional<Long> running = this.runs.runningVersion();
				if (running.isPresent()) {
					throw new RefitInProgressException(running.get());
				}
				if (!this.candidates.claim(version)) {
					throw new NotGateableException("Model version " + version + " changed meanwhile; try again.");
				}
				return this.activation.activeVersion();
			});
		}
		catch (DuplicateKeyException ex) {
			// a writer that does not take the start lock (the Spark job) holds the lock
			throw new RefitInProgressException(this.runs.runningVersion().orElse(null));
		}
		return new GateClaim(version, (base != null) ? base.orElse(null) : null, holdout, candidate.watermark());
	}

	private GateClaim.Holdout gateable(CandidateGateRepository.Candidate candidate) {
		long version = candidate.version();
		if (candidate.status() != ModelStatus.SUCCEEDED || candidate.gated()) {
			throw new NotGateableException("Model version " + version + " is " + candidate.status().code()
					+ (candidate.gated() ? " and was gated already" : "")
					+ ": only a stored version without a gate decision can be gated; POST /admin/models/" + version
					+ "/activate makes a version with parameters the active one.");
		}
		GateClaim.Holdout holdout = candidate.holdout();
		if (holdout == null) {
			throw new NotGateableException("Model version " + version
					+ " does not record the holdout it was fitted with (options holdoutFraction, holdoutMax and "
					+ "holdoutProbability), so the gate cannot tell which ratings it did not train on; activate it "
					+ "with POST /admin/models/" + version + "/activate.");
		}
		if (!(holdout.probability() > 0)) {
			throw new NotGateableException("Model version " + version
					+ " was fitted without a holdout: it trained on every rating, so the gate has nothing to "
					+ "score it on; activate it with POST /admin/models/" + version + "/activate.");
		}
		return holdout;
	}

	/**
	 * Runs a claimed gate to its end, renewing its lease; every outcome is recorded in
	 * the version's row.
	 * @param claim the claim
	 */
	void run(GateClaim claim) {
		long version = claim.version();
		this.current = claim;
		ScheduledFuture<?> heartbeat = this.heartbeats.scheduleWithFixedDelay(
				() -> LeaseRenewal.renew("Gate of version " + version, () -> this.candidates.heartbeat(version),
						claim::stop, "lease lost: the version's row is no longer gated (heartbeats were late)"),
				0, this.properties.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
		try {
			CandidateGateJob.Verdict verdict = this.job.run(claim);
			ModelStatus ended = finish(claim, verdict);
			logger.info("Gate of version {}: {}{}", version, ended.code(),
					(verdict.rejection() != null) ? " (" + verdict.rejection() + ")" : "");
		}
		catch (CancellationException ex) {
			this.candidates.release(version, "the gate stopped (" + ex.getMessage() + "); POST /admin/models/" + version
					+ "/gate runs it again");
			logger.info("Gate of version {} stopped: {}", version, ex.getMessage());
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			this.candidates.release(version, "the gate failed (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "); POST /admin/models/" + version + "/gate runs it again");
			logger.error("Gate of version {} failed", version, ex);
		}
		finally {
			heartbeat.cancel(false);
			this.current = null;
		}
	}

	/**
	 * Records the verdict as an in-process refit records its gate and, if the version
	 * passed (or the gate is off), publishes it, in one transaction: a compare-and-set
	 * against the version it was compared with.
	 * @return how the version ended: active, succeeded (not activated) or rejected
	 */
	private ModelStatus finish(GateClaim claim, CandidateGateJob.Verdict verdict) {
		ModelStatus ended = this.transaction.execute((status) -> {
			ModelStatus result = (verdict.rejection() != null) ? ModelStatus.REJECTED : ModelStatus.SUCCEEDED;
			if (!this.candidates.finish(claim.version(), result, verdict.gate(), verdict.decision(),
					verdict.rejection())) {
				throw new CancellationException("lease lost before the decision was recorded");
			}
			if (result == ModelStatus.REJECTED) {
				return result;
			}
			if (!this.activation.publishIfUnchanged(claim.version(), claim.base())) {
				this.runs.noteNotActivated(claim.version(),
						"not activated: the active version changed while the gate ran (it compared with "
								+ ((claim.base() != null) ? "version " + claim.base() : "no active version") + ")");
				return ModelStatus.SUCCEEDED;
			}
			return ModelStatus.ACTIVE;
		});
		return (ended != null) ? ended : ModelStatus.SUCCEEDED;
	}

	/**
	 * Asks a running gate to stop and gives it a moment to put its version back; a gate
	 * still running after that dies with the JVM, and its lease expires.
	 */
	@Override
	public void destroy() throws InterruptedException {
		Optional.ofNullable(this.current).ifPresent((claim) -> claim.stop("the instance is shutting down"));
		this.gates.shutdown();
		boolean ended = this.gates.awaitTermination(20, TimeUnit.SECONDS);
		this.heartbeats.shutdownNow();
		logger.debug("Gate thread ended at shutdown: {}", ended);
	}

}
