package io.mixrec.refit;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mixrec.model.ModelStatus;
import io.mixrec.model.ModelStore;
import io.mixrec.model.ModelVersion;
import io.mixrec.web.InvalidFieldsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trigger, follow, list and cancel refits. */
@RestController
@Tag(name = "Refits", description = "Trigger, follow and cancel refits")
@RequestMapping("/admin/refits")
class RefitAdminController {

	private final RefitService refits;

	private static final Set<String> STATUSES = Set.of("running", "succeeded", "failed", "cancelled", "rejected",
			"active", "retired");

	/** Runs whose duration predicts the next refit's. */
	private static final List<String> FITTED = List.of("active", "retired", "succeeded", "rejected");

	private final ModelStore versions;

	private final RefitRuns runs;

	private final JsonMapper json;

	RefitAdminController(RefitService refits, ModelStore versions, RefitRuns runs, JsonMapper json) {
		this.refits = refits;
		this.versions = versions;
		this.runs = runs;
		this.json = json;
	}

	/**
	 * The refit history, newest first, optionally only runs in the given statuses.
	 * @param status statuses wanted (comma separated or repeated); none: all
	 * @param page page from 0
	 * @param size runs per page
	 * @return the page
	 */
	@Operation(operationId = "listRefits", summary = "The refit history, newest first, paged")
	@GetMapping
	RefitPage list(@RequestParam(required = false) @Nullable List<String> status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "version"));
		Page<RefitRun> found;
		if (status == null || status.isEmpty()) {
			found = this.runs.findBy(request);
		}
		else {
			Set<String> wanted = new LinkedHashSet<>();
			for (String code : status) {
				String normalised = code.trim().toLowerCase(Locale.ROOT);
				if (!STATUSES.contains(normalised)) {
					throw new InvalidFieldsException("status",
							"must be one of running, succeeded, failed, cancelled, rejected, active, retired");
				}
				wanted.add(normalised);
			}
			found = this.runs.findByStatusIn(wanted, request);
		}
		return new RefitPage(page, size, found.getTotalElements(), found.getTotalPages(),
				found.getContent()
					.stream()
					.map((run) -> RefitSummary.of(run, this.json.readTree(run.getOptions())))
					.toList());
	}

	/**
	 * Starts a refit: 202 with its location, or 409 with a link to the one running. The
	 * body, if any, is JSON: the other formats a converter could read (YAML) would bypass
	 * the JSON limits.
	 * @param request optional overrides (clusters, restarts, preset, seed, warmStart,
	 * maxIterations)
	 * @return the new run
	 */
	@Operation(operationId = "startRefit", summary = "Start a refit")
	@ApiResponse(responseCode = "202", description = "Started; Location names the run")
	@ApiResponse(responseCode = "409", description = "Another refit is running (`conflict`, with `running`)")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RefitView> start(@RequestBody(required = false) @Valid @Nullable RefitRequest request) {
		RefitRequest options = (request != null) ? request : RefitRequest.defaults();
		long id = this.refits.start(options, "admin");
		RefitView view = view(id);
		if (options.overridesConfiguration()) {
			view = view.withNote("These options apply to this run only; scheduled refits use the configured "
					+ "settings (mixrec.refit.*).");
		}
		return ResponseEntity.accepted().location(URI.create("/admin/refits/" + id)).body(view);
	}

	@Operation(operationId = "getRefit", summary = "A refit's status, phase and objective trace")
	@GetMapping("/{id}")
	RefitView get(@PathVariable long id) {
		return view(id);
	}

	/** Asks a running refit to stop; 202, or 409 when it is not running. */
	@Operation(operationId = "cancelRefit", summary = "Ask a running refit to stop")
	@ApiResponse(responseCode = "202", description = "Asked to stop")
	@ApiResponse(responseCode = "409", description = "The refit is not running (`conflict`)")
	@PostMapping("/{id}/cancel")
	ResponseEntity<RefitView> cancel(@PathVariable long id) {
		return ResponseEntity.accepted().body(view(this.refits.cancel(id)));
	}

	private RefitView view(long id) {
		return this.versions.find(id).map(this::view).orElseThrow(() -> new UnknownRefitException(id));
	}

	private RefitView view(ModelVersion row) {
		boolean running = row.status() == ModelStatus.RUNNING;
		Double typical = running ? this.runs.findFirstByStatusInAndFinishedAtNotNullOrderByVersionDesc(FITTED)
			.map((run) -> Duration.between(run.getCreatedAt(), run.getFinishedAt()).toMillis() / 1000.0)
			.orElse(null) : null;
		return RefitView.of(row, this.json.readTree(row.options()),
				running ? this.refits.live(row.version()).orElse(null) : null, typical);
	}

}
