package io.mixrec.recommend;

import io.mixrec.ratings.ExternalId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.beans.propertyeditors.CustomBooleanEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /users/{userId}/recommendations}, {@code /users/{userId}/predictions},
 * {@code /users/{userId}/clusters}, {@code /clusters} and {@code /clusters/{index}}.
 *
 * <p>
 * Parameters are bound to typed records and checked by Bean Validation, so that every bad
 * one (a number out of range or no number at all) is reported in one 400
 * {@code validation-failed} problem that names it.
 */
@RestController
class RecommendationsController {

	private final RecommendationService service;

	private final RecommendProperties properties;

	RecommendationsController(RecommendationService service, RecommendProperties properties) {
		this.service = service;
		this.properties = properties;
	}

	@GetMapping("/users/{userId}/recommendations")
	RecommendationsView recommendations(@Valid @ParameterObject RecommendationsParameters parameters) {
		return this.service.recommendations(parameters.userId(), parameters.query(this.properties.defaultLimit()));
	}

	@GetMapping("/users/{userId}/predictions")
	PredictionsView predictions(@Valid @ParameterObject PredictionsParameters parameters) {
		return this.service.predictions(parameters.userId(), parameters.itemIds());
	}

	@GetMapping("/users/{userId}/clusters")
	UserClustersView userClusters(@PathVariable @ExternalId String userId) {
		return this.service.userClusters(userId);
	}

	@GetMapping("/clusters")
	ClustersView clusters() {
		return this.service.clusters();
	}

	@GetMapping("/clusters/{index}")
	ClusterView cluster(@PathVariable @Min(value = 0, message = "must be an integer >= 0") int index) {
		return this.service.cluster(index);
	}

	/**
	 * Accepts only {@code true} and {@code false} (any case) as booleans, not Spring's
	 * {@code yes}, {@code on} or {@code 1}: a mistyped flag is reported, not guessed at.
	 * @param binder the binder of this controller's parameters
	 */
	@InitBinder
	void strictBooleans(WebDataBinder binder) {
		binder.registerCustomEditor(Boolean.class, new CustomBooleanEditor("true", "false", true));
	}

}
