package io.mixrec.ratings;

import java.net.URI;
import java.time.Instant;

import io.mixrec.ratings.Follows.Rule;
import io.mixrec.web.JsonBodies;
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

	private final JsonBodies bodies;

	private final RatingsProperties properties;

	RatingsController(RatingsService ratings, JsonBodies bodies, RatingsProperties properties) {
		this.ratings = ratings;
		this.bodies = bodies;
		this.properties = properties;
	}

	@Operation(operationId = "putRating", summary = "Create or replace a rating; the latest ratedAt wins",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = RatingInput.class))))
	@ApiResponse(responseCode = "200", description = "Updated, or unchanged (an older or identical write)")
	@ApiResponse(responseCode = "201", description = "Inserted; Location names the rating")
	@PutMapping(path = "/users/{userId}/ratings/{itemId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RatingView> put(@PathVariable String userId, @PathVariable String itemId,
			@RequestBody JsonNode body) {
		RatingInput input = this.bodies.bindOrThrow(body, RatingInput.class, new RatingInput.Path(userId, itemId));
		RatingsService.PutResult result = this.ratings
			.put(input.write(userId, itemId, RatingRules.truncate(Instant.now())));
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
			@RequestParam(required = false) @Min(1) @Follows(Rule.PAGE_SIZE) @Nullable Integer size) {
		int pageSize = (size != null) ? size : this.properties.defaultPageSize();
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
