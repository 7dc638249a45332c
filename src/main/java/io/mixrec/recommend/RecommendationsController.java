package io.mixrec.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mixrec.ratings.ExternalIds;
import io.mixrec.web.InvalidField;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /users/{userId}/recommendations}, {@code /users/{userId}/predictions},
 * {@code /users/{userId}/clusters}, {@code /clusters} and {@code /clusters/{index}}.
 *
 * <p>
 * Query parameters are taken as text and checked here, so that every bad one (a number
 * out of range or no number at all) is reported in one 400 {@code validation-failed}
 * problem that names it. Lists of ids may be comma separated, repeated, or both.
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
	RecommendationsView recommendations(@PathVariable String userId,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String offset,
			@RequestParam(required = false) @Nullable List<String> exclude,
			@RequestParam(required = false) @Nullable String includeRated) {
		List<InvalidField> errors = new ArrayList<>();
		checkUser(userId, errors);
		int max = this.properties.maxLimit();
		int limitValue = integer("limit", limit, this.properties.defaultLimit(), 1, max, errors);
		int offsetValue = integer("offset", offset, 0, 0, Integer.MAX_VALUE, errors);
		boolean includeRatedValue = bool("includeRated", includeRated, errors);
		List<String> excluded = ids("exclude", exclude, 0, errors);
		if (!errors.isEmpty()) {
			throw RecommendProblems.invalid(errors);
		}
		return this.service.recommendations(userId,
				new RecommendationAnswers.RecommendationQuery(limitValue, offsetValue, excluded, includeRatedValue));
	}

	@GetMapping("/users/{userId}/predictions")
	PredictionsView predictions(@PathVariable String userId,
			@RequestParam(required = false) @Nullable List<String> itemIds) {
		List<InvalidField> errors = new ArrayList<>();
		checkUser(userId, errors);
		List<String> ids = ids("itemIds", itemIds, 1, errors);
		if (!errors.isEmpty()) {
			throw RecommendProblems.invalid(errors);
		}
		return this.service.predictions(userId, ids);
	}

	@GetMapping("/users/{userId}/clusters")
	UserClustersView userClusters(@PathVariable String userId) {
		List<InvalidField> errors = new ArrayList<>();
		checkUser(userId, errors);
		if (!errors.isEmpty()) {
			throw RecommendProblems.invalid(errors);
		}
		return this.service.userClusters(userId);
	}

	@GetMapping("/clusters")
	ClustersView clusters() {
		return this.service.clusters();
	}

	@GetMapping("/clusters/{index}")
	ClusterView cluster(@PathVariable String index) {
		List<InvalidField> errors = new ArrayList<>();
		int value = integer("index", index, 0, 0, Integer.MAX_VALUE, errors);
		if (!errors.isEmpty()) {
			throw RecommendProblems.invalid(errors);
		}
		return this.service.cluster(value);
	}

	private static void checkUser(String userId, List<InvalidField> errors) {
		String problem = ExternalIds.problem(userId);
		if (problem != null) {
			errors.add(new InvalidField("userId", problem));
		}
	}

	/** An integer in [min, max]; absent or empty: the default. */
	private static int integer(String name, @Nullable String text, int defaultValue, int min, int max,
			List<InvalidField> errors) {
		if (text == null || text.isEmpty()) {
			return defaultValue;
		}
		String range = (max == Integer.MAX_VALUE) ? "an integer >= " + min
				: "an integer between " + min + " and " + max;
		try {
			long value = Long.parseLong(text.trim());
			if (value >= min && value <= max) {
				return (int) value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.add(new InvalidField(name, "must be " + range));
		return defaultValue;
	}

	private static boolean bool(String name, @Nullable String text, List<InvalidField> errors) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> {
				errors.add(new InvalidField(name, "must be true or false"));
				yield false;
			}
		};
	}

	/** Ids from comma-separated or repeated values; empty entries are ignored. */
	private List<String> ids(String name, @Nullable List<String> values, int min, List<InvalidField> errors) {
		List<String> ids = new ArrayList<>();
		if (values != null) {
			for (String value : values) {
				for (String id : value.split(",", -1)) {
					if (!id.isEmpty()) {
						ids.add(id);
					}
				}
			}
		}
		int max = this.properties.maxItemIds();
		if (ids.size() < min || ids.size() > max) {
			errors.add(new InvalidField(name, (min > 0) ? "must list " + min + " to " + max + " item ids"
					: "must list at most " + max + " item ids"));
		}
		return ids;
	}

}
