package io.mixrec.ratings;

import io.mixrec.ratings.Follows.Rule;
import io.mixrec.web.JsonBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Optional item metadata: {@code PUT /items/{itemId}} with {@code {"title": "...",
 * "attributes": {...}}} creates the item or replaces its metadata (201 or 200);
 * {@code GET /items/{itemId}} reads it (404 if unknown), {@code GET /items} pages through
 * the catalogue. Items are also created implicitly, without metadata, by ratings, and in
 * bulk by {@code POST /items/import} ({@link ItemImportController}).
 */
@RestController
@Tag(name = "Items", description = "Optional item metadata")
class ItemsController {

	/** Titles are for display; anything longer is a mistake. */
	static final int MAX_TITLE_LENGTH = 1000;

	/** The last page number a client may ask for, so that offsets stay within an int. */
	static final int MAX_PAGE = 1_000_000;

	private final ItemRepository items;

	private final JsonBodies bodies;

	private final int defaultPageSize;

	ItemsController(ItemRepository items, JsonBodies bodies, RatingsProperties properties) {
		this.items = items;
		this.bodies = bodies;
		this.defaultPageSize = properties.defaultPageSize();
	}

	@Operation(operationId = "putItem", summary = "Create an item or replace its metadata",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = ItemInput.class))))
	@ApiResponse(responseCode = "200", description = "Replaced")
	@ApiResponse(responseCode = "201", description = "Created; Location names the item")
	@PutMapping(path = "/items/{itemId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ItemView> put(@PathVariable String itemId, @RequestBody JsonNode body) {
		ItemInput input = this.bodies.bindOrThrow(body, ItemInput.class, new ItemInput.Path(itemId));
		ItemRepository.Saved saved = this.items.save(itemId, input.title(), input.attributes());
		if (saved.created()) {
			return ResponseEntity
				.created(UriComponentsBuilder.fromPath("/items/{itemId}").buildAndExpand(itemId).encode().toUri())
				.body(saved.item());
		}
		return ResponseEntity.ok(saved.item());
	}

	@Operation(operationId = "listItems", summary = "The catalogue, a page at a time, in item id order",
			description = "With titleContains, only the items whose title contains that text, ignoring case.")
	@GetMapping("/items")
	ItemsPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
			@RequestParam(required = false) @Min(1) @Follows(Rule.PAGE_SIZE) @Nullable Integer size,
			@RequestParam(required = false) @Follows(Rule.TITLE_FILTER) @Nullable String titleContains) {
		return this.items.page(titleContains, page, (size != null) ? size : this.defaultPageSize);
	}

	@Operation(operationId = "getItem", summary = "Read an item's metadata")
	@GetMapping("/items/{itemId}")
	ItemView get(@PathVariable @ExternalId String itemId) {
		return this.items.find(itemId).orElseThrow(() -> UnknownIdException.item(itemId));
	}

}
