package io.mixrec.refit;

import java.util.Arrays;
import java.util.Optional;

import io.mixrec.model.ModelStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The gate's state in {@code model_versions} for versions written outside the service
 * (trigger {@code spark}). While a version is gated its own row holds the refit lock: it
 * is {@code running} in phase {@value #PHASE}, renewed by heartbeats, so no refit starts
 * on any instance and no other gate runs; afterwards it is {@code succeeded} or
 * {@code rejected} again, with the gate's decision. A gate whose runner died is put back
 * by {@link RefitRunRepository#failStale}, not failed: the version keeps its parameters.
 */
@Repository
class CandidateGateRepository {

	/** The phase of a row whose version is being gated. */
	static final String PHASE = "gate";

	private final JdbcClient jdbc;

	CandidateGateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the newest Spark version that waits for the gate: stored, no decision, and
	 * no note that it was passed over
	 */
	Optional<Long> newestUndecided() {
		return this.jdbc.sql("""
				select version from model_versions
				where trigger = 'spark' and status = 'succeeded' and gate is null and rejection_reason is null
				order by version desc limit 1
				""").query(Long.class).optional();
	}

	/**
	 * Notes on waiting Spark versions older than the active one that the automatic gate
	 * passes them over, as a refit never replaces a version published after it started.
	 * @return how many were noted
	 */
	int passOverOlderThanActive() {
		return this.jdbc.sql("""
				update model_versions waiting
				set rejection_reason = 'not gated automatically: version ' || active.version || ', which is newer, '
				    || 'became active first; POST /admin/models/' || waiting.version
				    || '/gate compares it with the active one'
				from model_versions active
				where active.status = 'active' and waiting.trigger = 'spark' and waiting.status = 'succeeded'
				    and waiting.gate is null and waiting.rejection_reason is null and waiting.version < active.version
				""").update();
	}

	/**
	 * Notes on a waiting version why the automatic gate passes it over.
	 * @param version the version
	 * @param note why
	 */
	void passOver(long version, String note) {
		this.jdbc.sql("""
				update model_versions set rejection_reason = ?
				where version = ? and status = 'succeeded' and gate is null and rejection_reason is null
				""").params(note, version).update();
	}

	/**
	 * @param version a version
	 * @return what the gate needs to know of it, if it exists
	 */
	Optional<Candidate> find(long version) {
		return this.jdbc.sql("""
				select status, gate is not null as gated, watermark::text as watermark,
				       case when jsonb_typeof(options -> 'holdoutFraction') = 'number'
				            then (options ->> 'holdoutFraction')::float8 end as fraction,
				       case when jsonb_typeof(options -> 'holdoutMax') = 'number'
				            then (options ->> 'holdoutMax')::float8 end as max,
				       case when jsonb_typeof(options -> 'holdoutProbability') = 'number'
				            then (options ->> 'holdoutProbability')::float8 end as probability
				from model_versions where version = ?
				""").param(version).query((rs, row) -> {
			Double fraction = rs.getObject("fraction", Double.class);
			Double max = rs.getObject("max", Double.class);
			Double probability = rs.getObject("probability", Double.class);
			return new Candidate(version, ModelStatus.fromCode(rs.getString("status")), rs.getBoolean("gated"),
					rs.getString("watermark"),
					(fraction != null && max != null && probability != null)
							? new GateClaim.Holdout(fraction, (int) Math.min(max, Integer.MAX_VALUE), probability)
							: null);
		}).optional();
	}

	/**
	 * Takes the refit lock for the gate of a version: its row becomes {@code running}.
	 * Call in the transaction that holds {@link RefitRunRepository#lockRunStarts} and saw
	 * no running row.
	 * @param version a stored version without a gate decision
	 * @return whether the row was still such a version
	 */
	boolean claim(long version) {
		return this.jdbc.sql("""
				update model_versions
				set status = 'running', phase = 'gate', heartbeat_at = now(), cancel_requested = false
				where version = ? and status = 'succeeded' and gate is null
				""").param(version).update() == 1;
	}

	/**
	 * Renews the gate's lease.
	 * @param version the gated version
	 * @return whether a cancel was requested, or empty when the row is no longer gated
	 * (the lease was lost)
	 */
	Optional<Boolean> heartbeat(long version) {
		return this.jdbc.sql("""
				update model_versions set heartbeat_at = now()
				where version = ? and status = 'running' and phase = 'gate'
				returning cancel_requested
				""").param(version).query(Boolean.class).optional();
	}

	/**
	 * Records the gate's decision and releases the lock; call in the transaction that
	 * publishes the version if it passed.
	 * @param version the gated version
	 * @param status {@link ModelStatus#SUCCEEDED} or {@link ModelStatus#REJECTED}
	 * @param gate the gate's figures and decision (JSON)
	 * @param decision {@code activate} or {@code reject}
	 * @param rejection why it was rejected, or null
	 * @return whether the row was still gated (false: the lease was lost)
	 */
	boolean finish(long version, ModelStatus status, String gate, String decision, @Nullable String rejection) {
		return this.jdbc.sql("""
				update model_versions
				set status = ?, phase = 'done', heartbeat_at = now(), gate = ?::jsonb, gate_decision = ?,
				    rejection_reason = ?, cancel_requested = false
				where version = ? and status = 'running' and phase = 'gate'
				""").params(Arrays.asList(status.code(), gate, decision, rejection, version)).update() == 1;
	}

	/**
	 * Releases the lock without a decision: the version is stored and waits again.
	 * @param version the gated version
	 * @param reason why the gate did not decide, kept as the version's note (the
	 * automatic gate does not retry a noted version)
	 * @return whether the row was still gated
	 */
	boolean release(long version, String reason) {
		return this.jdbc.sql("""
				update model_versions
				set status = 'succeeded', phase = 'done', heartbeat_at = now(), rejection_reason = ?,
				    cancel_requested = false
				where version = ? and status = 'running' and phase = 'gate'
				""").params(reason, version).update() == 1;
	}

	/**
	 * A version as the gate sees it.
	 *
	 * @param version the version
	 * @param status its status
	 * @param gated whether it has a gate decision
	 * @param watermark the snapshot its ratings were read in, or null
	 * @param holdout the holdout it was fitted with, from its options, or null when they
	 * do not record it
	 */
	record Candidate(long version, ModelStatus status, boolean gated, @Nullable String watermark,
			GateClaim.@Nullable Holdout holdout) {
	}

}
