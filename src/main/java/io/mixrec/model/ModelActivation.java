package io.mixrec.model;

import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes which version serves. Every change updates the single {@code active_model} row,
 * flips the statuses of the two versions, records an entry in {@code model_activations}
 * and notifies the instances on channel {@value #CHANNEL}, all in one transaction (the
 * notification is delivered at commit).
 */
@Service
public class ModelActivation {

	/** The LISTEN/NOTIFY channel that announces a newly active version. */
	public static final String CHANNEL = "mixrec_model_activated";

	private final JdbcClient jdbc;

	public ModelActivation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the active version, if any
	 */
	public Optional<Long> activeVersion() {
		return this.jdbc.sql("select version from active_model").query(Long.class).optional();
	}

	/**
	 * Publishes a refit's model if the active version is still the one the refit started
	 * from: a compare-and-set, so a refit that stalled while another published (or while
	 * an admin rolled back) can never replace the newer choice. Call inside the
	 * transaction that stored the version.
	 * @param version the new version, with stored parameters
	 * @param base the version active when the refit started
	 * @return whether the version is now active
	 */
	public boolean publishIfUnchanged(long version, @Nullable Long base) {
		// params(List) binds null as SQL NULL; params(Object...) is declared non-null
		int swapped = this.jdbc.sql("""
				update active_model set version = ?, activated_at = now()
				where singleton and version is not distinct from ?
				""").params(Arrays.asList(version, base)).update();
		if (swapped == 0) {
			return false;
		}
		switchStatuses(version, base, "refit");
		return true;
	}

	/**
	 * Makes any version with stored parameters the active one (rollback or forced
	 * activation), whatever serves now.
	 * @param version the version to activate
	 * @return the version that was active before, or null
	 */
	@Transactional
	public @Nullable Long activate(long version) {
		String status = this.jdbc.sql("select status from model_versions where version = ? for update")
			.param(version)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new UnknownModelVersionException(version));
		if (!ModelStatus.fromCode(status).hasParameters()) {
			throw new ModelNotServableException(version, status);
		}
		Long previous = this.jdbc.sql("select version from active_model where singleton for update")
			.query(Long.class)
			.optional()
			.orElse(null);
		if (previous != null && previous == version) {
			return previous;
		}
		this.jdbc.sql("update active_model set version = ?, activated_at = now() where singleton")
			.param(version)
			.update();
		switchStatuses(version, previous, (previous != null && version < previous) ? "rollback" : "forced");
		return previous;
	}

	private void switchStatuses(long version, @Nullable Long previous, String reason) {
		if (previous != null) {
			this.jdbc.sql("update model_versions set status = 'retired' where version = ? and status = 'active'")
				.param(previous)
				.update();
		}
		this.jdbc.sql("update model_versions set status = 'active', activated_at = now() where version = ?")
			.param(version)
			.update();
		this.jdbc.sql("insert into model_activations (version, previous_version, reason) values (?, ?, ?)")
			.params(Arrays.asList(version, previous, reason))
			.update();
		this.jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, Long.toString(version)).query().singleRow();
	}

}
