package io.mixrec.model;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** List, inspect and activate model versions (rollback or forced activation). */
@RestController
@Tag(name = "Models", description = "Model versions: list, inspect, activate")
@RequestMapping("/admin/models")
class ModelAdminController {

	private final ModelStore versions;

	private final ModelSnapshotLoader loader;

	private final ActiveModels active;

	private final ModelActivation activation;

	private final ActiveModelWatcher watcher;

	private final JsonMapper json;

	ModelAdminController(ModelStore versions, ModelSnapshotLoader loader, ActiveModels active,
			ModelActivation activation, ActiveModelWatcher watcher, JsonMapper json) {
		this.versions = versions;
		this.loader = loader;
		this.active = active;
		this.activation = activation;
		this.watcher = watcher;
		this.json = json;
	}

	/** Versions, newest first; page with {@code before} = the last version seen. */
	@Operation(operationId = "listModels", summary = "Model versions, newest first")
	@GetMapping
	List<ModelView> list(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit,
			@RequestParam(required = false) @Nullable Long before) {
		return this.versions.list(limit, before).stream().map((v) -> view(v, null)).toList();
	}

	/** One version with its clusters (weight, variance, size, characteristic items). */
	@Operation(operationId = "getModel", summary = "One version with its clusters")
	@GetMapping("/{version}")
	ModelView get(@PathVariable long version) {
		ModelVersion row = find(version);
		List<ClusterProfile> clusters = null;
		if (row.status().hasParameters()) {
			ModelSnapshot snapshot = this.active.current()
				.filter((s) -> s.version() == version)
				.or(() -> this.loader.load(version))
				.orElse(null);
			clusters = (snapshot != null) ? snapshot.profiles() : null;
		}
		return view(row, clusters);
	}

	/**
	 * Makes a version with parameters the active one, whatever serves now; recorded as a
	 * rollback (older version) or a forced activation.
	 */
	@Operation(operationId = "activateModel", summary = "Make a version the active one (rollback or forced)")
	@ApiResponse(responseCode = "200", description = "Activated")
	@ApiResponse(responseCode = "409", description = "The version has no parameters to serve (`conflict`)")
	@PostMapping("/{version}/activate")
	Map<String, Object> activate(@PathVariable long version) {
		Long previous = this.activation.activate(version);
		this.watcher.refresh();
		return (previous != null) ? Map.of("version", version, "previousVersion", previous)
				: Map.of("version", version);
	}

	private ModelVersion find(long version) {
		return this.versions.find(version).orElseThrow(() -> new UnknownModelVersionException(version));
	}

	private ModelView view(ModelVersion v, @Nullable List<ClusterProfile> clusters) {
		ModelVersion.Outcome o = v.outcome();
		return new ModelView(v.version(), v.status().code(), v.trigger(), v.clusters(), v.seed(),
				this.json.readTree(v.options()), v.iterations(), o.converged(), o.objective(), o.bic(),
				new ModelView.Holdout(o.holdoutRatings(), o.holdoutRmse(), o.holdoutMae(), o.holdoutNdcg()),
				new ModelView.Data(o.users(), o.items(), o.ratings()), v.timings(), v.createdAt(), v.finishedAt(),
				v.activatedAt(), v.error(), v.rejectionReason(),
				(v.selection() != null) ? this.json.readTree(v.selection()) : null,
				(v.gate() != null) ? this.json.readTree(v.gate()) : null, v.initialisation(), v.warmStartVersion(),
				v.gateDecision(), clusters);
	}

}
