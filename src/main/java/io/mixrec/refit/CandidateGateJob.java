package io.mixrec.refit;

import java.util.concurrent.CancellationException;

import io.mixrec.em.RatingSplit;
import io.mixrec.model.ModelStore;
import io.mixrec.model.StoredModel;
import io.mixrec.ratings.LoadedRatings;
import io.mixrec.ratings.RatingChanges;
import io.mixrec.ratings.RatingLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The work of one gate of a version written outside the service, once it holds the refit
 * lock: load every rating, compare the version with the active one
 * ({@link StoredCandidateComparison}) and put the decision as an in-process refit records
 * it. {@link CandidateGate} records it and publishes the version.
 *
 * @param loader reads every rating
 * @param changes tells whether ratings changed since the version's data was read
 * @param models the stored parameters
 * @param properties the gate's rules, tolerance and threads
 * @param json writes the decision
 */
record CandidateGateJob(RatingLoader loader, RatingChanges changes, ModelStore models, RefitProperties properties,
		JsonMapper json) {

	private static final Logger logger = LoggerFactory.getLogger(CandidateGateJob.class);

	/**
	 * @param claim the gate
	 * @return the gate's verdict, to record
	 * @throws CancellationException when the gate was asked to stop
	 */
	Verdict run(GateClaim claim) {
		long version = claim.version();
		LoadedRatings loaded = this.loader.load();
		String watermark = claim.watermark();
		boolean changed = watermark != null && this.changes.changedSince(watermark);
		checkStop(claim);
		StoredModel candidate = this.models.load(version)
			.orElseThrow(() -> new IllegalStateException("version " + version + " has no parameters"));
		Long base = claim.base();
		StoredModel active = (base != null) ? this.models.load(base).orElse(null) : null;
		// never hold out pairs the candidate trained on: at most its own probability
		GateClaim.Holdout holdout = claim.holdout();
		double probability = Math.min(holdout.probability(),
				RatingSplit.keyProbability(loaded.matrix().ratings(), holdout.fraction(), holdout.max()));
		StoredCandidateComparison.Compared compared = new StoredCandidateComparison(
				new QualityGate(this.properties.gateTolerance()), this.properties.fitThreads(),
				this.properties.rankingUsers())
			.compare(loaded, probability, candidate, base, active);
		checkStop(claim);
		QualityGate.Decision decision = compared.decision();
		logger.info("Gate of version {}: {} on {} held-out ratings, RMSE {} (active {}), NDCG@10 {}", version,
				decision.activate() ? "passed" : "failed", compared.heldOutRatings(), decision.candidate().rmse(),
				(decision.active() != null) ? decision.active().rmse() : "n/a", decision.candidate().ndcg());
		boolean enabled = this.properties.gateEnabled();
		return new Verdict(decision.activate() ? "activate" : "reject", enabled ? decision.rejection() : null,
				this.json.writeValueAsString(compared.describe(enabled, changed)));
	}

	private static void checkStop(GateClaim claim) {
		String reason = claim.stopReason();
		if (reason != null) {
			throw new CancellationException(reason);
		}
	}

	/**
	 * What the gate decided, as the version records it.
	 *
	 * @param decision {@code activate} or {@code reject}
	 * @param rejection why the version is rejected, or null when it may activate (always,
	 * with the gate off)
	 * @param gate the figures and decision (JSON)
	 */
	record Verdict(String decision, @Nullable String rejection, String gate) {
	}

}
