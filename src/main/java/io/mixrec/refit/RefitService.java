package io.mixrec.refit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.mixrec.em.EmOptions;
import io.mixrec.model.ModelActivation;
import io.mixrec.model.ModelVersion;
import io.mixrec.model.ModelVersionRepository;
import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Starts and cancels refits. Starting inserts the run's {@code running} row first: the
 * database's unique index on running rows is the lock that keeps refits one at a time
 * across instances, so a second start fails at once with
 * {@link RefitInProgressException}.
 */
@Service
public class RefitService {

	private final ModelVersionRepository versions;

	private final ModelActivation activation;

	private final RefitRunner runner;

	private final RefitProperties properties;

	private final InstanceId instance;

	private final JsonMapper json;

	RefitService(ModelVersionRepository versions, ModelActivation activation, RefitRunner runner,
			RefitProperties properties, InstanceId instance, JsonMapper json) {
		this.versions = versions;
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
		EmOptions options = request.options(this.properties);
		Long warmStart = (request.warmStart(this.properties) && base != null) ? base : null;
		long version;
		try {
			version = this.versions.insertRunning(new ModelVersionRepository.RunStart(trigger, base, warmStart,
					optionsJson(options), options.seed(), options.clusters(), this.instance.value()));
		}
		catch (DuplicateKeyException ex) {
			throw new RefitInProgressException(this.versions.runningVersion().orElse(null));
		}
		this.runner.submit(new RefitPlan(version, base, warmStart, options, this.properties.holdoutFraction(),
				this.properties.holdoutMax()));
		return version;
	}

	/**
	 * Asks a running refit to stop, wherever it runs.
	 * @param version the run
	 * @return its row
	 */
	public ModelVersion cancel(long version) {
		ModelVersion run = this.versions.find(version)
			.orElseThrow(
					() -> new ApiException(HttpStatus.NOT_FOUND, ErrorTypes.NOT_FOUND, "No refit " + version + "."));
		if (!this.versions.requestCancel(version)) {
			throw new ApiException(HttpStatus.CONFLICT, ErrorTypes.CONFLICT,
					"Refit " + version + " is not running (it is " + run.status().code() + ").");
		}
		this.runner.stopLocally(version, "cancel requested");
		return this.versions.find(version).orElse(run);
	}

	/**
	 * @return the running refit, if any
	 */
	public Optional<Long> running() {
		return this.versions.runningVersion();
	}

	private String optionsJson(EmOptions options) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("engine", options);
		all.put("holdoutFraction", this.properties.holdoutFraction());
		all.put("holdoutMax", this.properties.holdoutMax());
		all.put("gateTolerance", this.properties.gateTolerance());
		return this.json.writeValueAsString(all);
	}

}
