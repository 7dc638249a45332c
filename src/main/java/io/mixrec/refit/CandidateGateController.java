package io.mixrec.refit;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the quality gate on a version fitted outside the service (the refit on Spark). */
@RestController
@Tag(name = "Models")
@RequestMapping("/admin/models")
class CandidateGateController {

	private final CandidateGate gate;

	CandidateGateController(CandidateGate gate) {
		this.gate = gate;
	}

	/**
	 * Starts the quality gate on a stored version that has no gate decision: the version
	 * is compared with the active one on held-out ratings it did not train on and
	 * activated if it passes, else marked rejected; follow it at
	 * {@code /admin/models/{version}}.
	 * @param version the version
	 * @return 202 with the version's location
	 */
	@Operation(operationId = "gateModel",
			summary = "Run the quality gate on a stored version without a gate decision (a Spark fit), "
					+ "activating it if it passes")
	@ApiResponse(responseCode = "202", description = "The gate started; Location names the version")
	@ApiResponse(responseCode = "404", description = "No such version (`not-found`)")
	@ApiResponse(responseCode = "409",
			description = "The version is not a stored version without a gate decision, records no holdout, "
					+ "or a refit or another gate is running (`conflict`)")
	@PostMapping("/{version}/gate")
	ResponseEntity<GateStarted> gate(@PathVariable long version) {
		this.gate.start(version);
		String location = "/admin/models/" + version;
		return ResponseEntity.accepted()
			.location(URI.create(location))
			.body(new GateStarted(version, "running", CandidateGateRepository.PHASE, location));
	}

	/**
	 * A gate that started.
	 *
	 * @param version the gated version
	 * @param status its status while the gate runs (it holds the refit lock)
	 * @param phase {@code gate}
	 * @param model where to follow it: the version, with the gate's decision once made
	 */
	record GateStarted(long version, String status, String phase, String model) {
	}

}
