package io.mixrec.ratings;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mixrec.web.InvalidFieldsException;
import io.mixrec.web.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A user's ratings, one at a time: {@code PUT}, {@code GET} and {@code DELETE
 * /users/{userId}/ratings/{itemId}}, the paged list {@code GET /users/{userId}/ratings}
 * and the erasure of a user, {@code DELETE /users/{userId}}.
 */
@RestController
@Tag(name = "Ratings", description = "Single ratings, a user's ratings, user erasure")
class RatingsController {

	private final RatingsService ratings;

	private final RatingJsonReader reader;

	private final RatingsProperties properties;

	RatingsController(RatingsService ratings, RatingJsonReader reader, RatingsProperties properties) {
		this.ratings = ratings;
		this.reader = reader;
		this.properties = properties;
	}

	@Operation(operationId = "putRating", summary = "Create or replace a rating; the latest ratedAt wins",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = RequestBodies.Rating.class))))
	@ApiResponse(responseCode = "200", description = "Updated, or unchanged (an older or identical write)")
	@ApiResponse(responseCode = "201", description = "Inserted; Location names the rating")
	@PutMapping(path = "/users/{userId}/ratings/{itemId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RatingView> put(@PathVariable String userId, @PathVariable String itemId,
			@RequestBody JsonNode body) {
		List<InvalidField> errors = new ArrayList<>();
		RatingWrite write = this.reader.single(userId, itemId, body, RatingRules.truncate(Instant.now()),
				(field, message) -> errors.add(new InvalidField(field, message)));
		if (write == null) {
			throw new InvalidFieldsException(errors);
		}
		RatingsService.PutResult result = this.ratings.put(write);
		RatingView view = RatingView.of(result.stored(), result.outcome());
		if (result.outcome() == WriteEffect.INSERTED) {
			return ResponseEntity.created(location(userId, itemId)).body(view);
		}
		return ResponseEntity.ok(view);
	}

	@Operation(operationId = "getRating", summary = "Read one rating")
	@GetMapping("/users/{userId}/ratings/{itemId}")
	RatingView get(@PathVariable @ExternalId String userId, @PathVariable @ExternalId String itemId) {
		return this.ratings.find(userId, itemId)
			.map((stored) -> RatingView.of(stored, null))
			.orElseThrow(() -> UnknownIdException.rating(userId, itemId));
	}

	@Operation(operationId = "deleteRating", summary = "Delete one rating")
	@DeleteMapping("/users/{userId}/ratings/{itemId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable @ExternalId String userId, @PathVariable @ExternalId String itemId) {
		if (!this.ratings.delete(userId, itemId)) {
			throw UnknownIdException.rating(userId, itemId);
		}
	}

	@Operation(operationId = "listUserRatings", summary = "A user's ratings, newest ratedAt first")
	@GetMapping("/users/{userId}/ratings")
	RatingsPage list(@PathVariable @ExternalId String userId, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(required = false) @Min(1) @Nullable Integer size) {
		int pageSize = (size != null) ? size : this.properties.defaultPageSize();
		if (pageSize > this.properties.maxPageSize()) {
			throw new InvalidFieldsException("size", "must be at most " + this.properties.maxPageSize());
		}
		return this.ratings.page(userId, page, pageSize).orElseThrow(() -> UnknownIdException.user(userId));
	}

	@Operation(operationId = "deleteUser", summary = "Erase a user and all their ratings")
	@DeleteMapping("/users/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteUser(@PathVariable @ExternalId String userId) {
		if (!this.ratings.deleteUser(userId)) {
			throw UnknownIdException.user(userId);
		}
	}

	private static URI location(String userId, String itemId) {
		return UriComponentsBuilder.fromPath("/users/{userId}/ratings/{itemId}")
			.buildAndExpand(userId, itemId)
			.encode()
			.toUri();
	}

}
