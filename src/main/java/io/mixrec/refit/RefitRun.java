package io.mixrec.refit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A refit run as its history shows it: a read-only JPA view of the columns of
 * {@code model_versions} that describe the run. Runs are started, renewed and finished
 * through JDBC ({@link RefitRunRepository}): the lease, the heartbeat and publishing are
 * compare-and-set statements that must not go through a persistence context.
 */
@Entity
@Immutable
@Table(name = "model_versions")
class RefitRun {

	@Id
	private long version;

	private String status;

	private String trigger;

	private String phase;

	private int iterations;

	@JdbcTypeCode(SqlTypes.JSON)
	private String options;

	private long seed;

	private int clusters;

	private @Nullable Long baseVersion;

	private @Nullable Long warmStartVersion;

	private String initialisation;

	private @Nullable String gateDecision;

	private @Nullable String rejectionReason;

	private @Nullable String error;

	private @Nullable Double holdoutRmse;

	@Column(name = "holdout_ndcg")
	private @Nullable Double holdoutNdcgAt10;

	private boolean cancelRequested;

	private Instant createdAt;

	private @Nullable Instant finishedAt;

	private @Nullable Instant activatedAt;

	protected RefitRun() {
		// for JPA
		this.status = "";
		this.trigger = "";
		this.phase = "";
		this.options = "{}";
		this.initialisation = "cold";
		this.createdAt = Instant.EPOCH;
	}

	public long getVersion() {
		return this.version;
	}

	public String getStatus() {
		return this.status;
	}

	public String getTrigger() {
		return this.trigger;
	}

	public String getPhase() {
		return this.phase;
	}

	public int getIterations() {
		return this.iterations;
	}

	/**
	 * @return the fit options as JSON text
	 */
	public String getOptions() {
		return this.options;
	}

	public long getSeed() {
		return this.seed;
	}

	public int getClusters() {
		return this.clusters;
	}

	public @Nullable Long getBaseVersion() {
		return this.baseVersion;
	}

	public @Nullable Long getWarmStartVersion() {
		return this.warmStartVersion;
	}

	public String getInitialisation() {
		return this.initialisation;
	}

	public @Nullable String getGateDecision() {
		return this.gateDecision;
	}

	public @Nullable String getRejectionReason() {
		return this.rejectionReason;
	}

	public @Nullable String getError() {
		return this.error;
	}

	public @Nullable Double getHoldoutRmse() {
		return this.holdoutRmse;
	}

	public @Nullable Double getHoldoutNdcgAt10() {
		return this.holdoutNdcgAt10;
	}

	public boolean isCancelRequested() {
		return this.cancelRequested;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Instant getFinishedAt() {
		return this.finishedAt;
	}

	public @Nullable Instant getActivatedAt() {
		return this.activatedAt;
	}

}
