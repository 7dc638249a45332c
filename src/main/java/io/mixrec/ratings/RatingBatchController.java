package io.mixrec.ratings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mixrec.web.InvalidFieldsException;
import io.mixrec.web.InvalidField;
import io.mixrec.web.JsonBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ratings}: a JSON array of up to {@code mixrec.ratings.max-batch-size}
 * ratings, written all or nothing. Every invalid element is listed with its index.
 */
@RestController
@Tag(name = "Ratings")
class RatingBatchController {

	private final RatingsService ratings;

	private final JsonBodies bodies;

	private final RatingsProperties properties;

	RatingBatchController(RatingsService ratings, JsonBodies bodies, RatingsProperties properties) {
		this.ratings = ratings;
		this.bodies = bodies;
		this.properties = properties;
	}

	@Operation(operationId = "postRatings",
			summary = "Write a batch of ratings, all or nothing; of several for one (user, item) the latest ratedAt wins",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(array = @ArraySchema(schema = @Schema(implementation = BatchRating.class),
							minItems = 1, maxItems = 10000))))
	@PostMapping(path = "/ratings", consumes = MediaType.APPLICATION_JSON_VALUE)
	BatchReport batch(@RequestBody JsonNode body) {
		if (!body.isArray()) {
			throw new UnreadableInputException("The body must be a JSON array of ratings.");
		}
		int size = body.size();
		if (size == 0 || size > this.properties.maxBatchSize()) {
			throw new InvalidFieldsException("body",
					"must have between 1 and " + this.properties.maxBatchSize() + " elements, not " + size);
		}
		Instant now = RatingRules.truncate(Instant.now());
		List<RatingWrite> writes = new ArrayList<>(size);
		List<ElementError> errors = new ArrayList<>();
		int bad = 0;
		for (int i = 0; i < size; i++) {
			JsonBodies.Bound<BatchRating> element = this.bodies.bind(body.get(i), BatchRating.class);
			BatchRating rating = element.value();
			if (rating != null) {
				writes.add(rating.write(now));
			}
			else {
				bad++;
				for (InvalidField error : element.errors()) {
					errors.add(new ElementError(i, error.field().isEmpty() ? null : error.field(), error.message()));
				}
			}
		}
		if (bad > 0) {
			throw new InvalidBatchException(errors, size, bad);
		}
		WriteCounts counts = this.ratings.batch(writes);
		return new BatchReport(size, counts.inserted(), counts.updated(), counts.unchanged());
	}

}
