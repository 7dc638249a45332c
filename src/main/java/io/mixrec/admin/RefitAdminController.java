package io.mixrec.admin;

import java.net.URI;

import io.mixrec.model.ModelVersionRepository;
import io.mixrec.refit.RefitRequest;
import io.mixrec.refit.RefitService;
import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Trigger, follow and cancel refits. */
@RestController
@Tag(name = "Refits", description = "Trigger, follow and cancel refits")
@RequestMapping("/admin/refits")
class RefitAdminController {

	private final RefitService refits;

	private final ModelVersionRepository versions;

	RefitAdminController(RefitService refits, ModelVersionRepository versions) {
		this.refits = refits;
		this.versions = versions;
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
		return ResponseEntity.accepted().body(RefitView.of(this.refits.cancel(id)));
	}

	private RefitView view(long id) {
		return this.versions.find(id)
			.map(RefitView::of)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ErrorTypes.NOT_FOUND, "No refit " + id + "."));
	}

}
