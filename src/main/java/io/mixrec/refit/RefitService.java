package io.mixrec.refit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.mixrec.model.ModelActivation;
import io.mixrec.model.ModelStore;
import io.mixrec.model.ModelVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts and cancels refits. Starting inserts the run's {@code running} row first: the
 * database's unique index on running rows is the lock that keeps refits one at a time
 * across instances, so a second start fails at once with
 * {@link RefitInProgressException}.
 */
@Service
public class RefitService {

	private final RefitRunRepository versions;

	private final ModelStore models;

	private final ModelActivation activation;

	private final RefitRunner runner;

	private final RefitProperties properties;

	private final InstanceId instance;

	private final JsonMapper json;

	private final TransactionTemplate transaction;

	RefitService(RefitRunRepository versions, ModelStore models, ModelActivation activation, RefitRunner runner,
			RefitProperties properties, InstanceId instance, JsonMapper json, TransactionTemplate transaction) {
		this.transaction = transaction;
		this.versions = versions;
		this.models = models;
		this.activation = activation;
		this.runner = runner;
		this.properties = properties;
		this.instance = instance;
		this.json = json;
	}

	/**
	 * Starts a refit in the background.
	 * @param request overrides of the configured options
	 * @param trigger {@code scheduled} or {@code admin}
	 * @return the new run's version
	 * @throws RefitInProgressException when a refit is running on any instance
	 */
	public long start(RefitRequest request, String trigger) {
		this.versions.failStale(this.properties.lease());
		Long base = this.activation.activeVersion().orElse(null);
		FitRecipe recipe = request.recipe(this.properties);
		boolean warm = request.warmStart(this.properties);
		if (warm && recipe instanceof FitRecipe.Ensemble) {
			if (Boolean.TRUE.equals(request.warmStart())) {
				throw new WarmStartNotApplicableException();
			}
			// a configured warm start is for the single-mixture presets
			warm = false;
		}
		Long warmStart = (warm && base != null) ? base : null;
		RefitRunRepository.RunStart start = new RefitRunRepository.RunStart(trigger, base, warmStart,
				optionsJson(recipe), recipe.seed(), recipe.clusters(), this.instance.value());
		Optional<Long> inserted;
		try {
			// A failed insert would still consume a version number (identity values are
			// not given back on rollback): look for a running row first, under a lock
			// that makes look-and-insert atomic across instances. The unique index stays
			// the guarantee.
			inserted = this.transaction.execute((status) -> {
				this.versions.lockRunStarts();
				return this.versions.runningVersion().isPresent() ? Optional.empty()
						: Optional.of(this.versions.insertRunning(start));
			});
		}
		catch (DuplicateKeyException ex) {
			inserted = Optional.empty();
		}
		if (inserted == null || inserted.isEmpty()) {
			throw new RefitInProgressException(this.versions.runningVersion().orElse(null));
		}
		long version = inserted.get();
		this.runner.submit(new RefitPlan(version, base, warmStart, recipe, this.properties.holdoutFraction(),
				this.properties.holdoutMax()));
		return version;
	}

	/**
	 * Asks a running refit to stop, wherever it runs.
	 * @param version the run
	 * @return its row
	 */
	public ModelVersion cancel(long version) {
		ModelVersion run = this.models.find(version).orElseThrow(() -> new UnknownRefitException(version));
		if (!this.versions.requestCancel(version)) {
			throw new RefitNotRunningException(version, run.status().code());
		}
		this.runner.stopLocally(version, "cancel requested");
		return this.models.find(version).orElse(run);
	}

	/**
	 * @param version a run
	 * @return its progress as of now, when this instance runs it (other instances' runs:
	 * see the row, written every {@code mixrec.refit.progress-interval})
	 */
	public Optional<LiveRefit> live(long version) {
		return this.runner.live(version);
	}

	/**
	 * @return the running refit, if any
	 */
	public Optional<Long> running() {
		return this.versions.runningVersion();
	}

	private String optionsJson(FitRecipe recipe) {
		Map<String, Object> all = new LinkedHashMap<>(recipe.describe());
		all.put("holdoutFraction", this.properties.holdoutFraction());
		all.put("holdoutMax", this.properties.holdoutMax());
		all.put("gateTolerance", this.properties.gateTolerance());
		return this.json.writeValueAsString(all);
	}

}
