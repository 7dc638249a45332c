package io.mixrec.ratings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mixrec.web.InvalidFieldsException;
import io.mixrec.web.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private final RatingRules rules;

	private final JsonMapper json;

	private final long maxAttributesBytes;

	private final int defaultPageSize;

	private final int maxPageSize;

	ItemsController(ItemRepository items, RatingRules rules, JsonMapper json, RatingsProperties properties) {
		this.items = items;
		this.rules = rules;
		this.json = json;
		this.maxAttributesBytes = properties.maxAttributesBytes().toBytes();
		this.defaultPageSize = properties.defaultPageSize();
		this.maxPageSize = properties.maxPageSize();
	}

	@Operation(operationId = "putItem", summary = "Create an item or replace its metadata",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = RequestBodies.Item.class))))
	@ApiResponse(responseCode = "200", description = "Replaced")
	@ApiResponse(responseCode = "201", description = "Created; Location names the item")
	@PutMapping(path = "/items/{itemId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ItemView> put(@PathVariable String itemId, @RequestBody JsonNode body) {
		List<InvalidField> errors = new ArrayList<>();
		String idProblem = this.rules.idProblem(itemId);
		if (idProblem != null) {
			errors.add(new InvalidField("itemId", idProblem));
		}
		if (!body.isObject()) {
			errors.add(new InvalidField("body", "must be a JSON object"));
			throw new InvalidFieldsException(errors);
		}
		String title = title(body.get("title"), errors);
		JsonNode attributes = attributes(body.get("attributes"), errors);
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		ItemRepository.Saved saved = this.items.save(itemId, title, attributes);
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
			@RequestParam(required = false) @Min(1) @Nullable Integer size,
			@RequestParam(required = false) @Nullable String titleContains) {
		List<InvalidField> errors = new ArrayList<>();
		int pageSize = (size != null) ? size : this.defaultPageSize;
		if (pageSize > this.maxPageSize) {
			errors.add(new InvalidField("size", "must be at most " + this.maxPageSize));
		}
		if (titleContains != null && (titleContains.isEmpty() || titleContains.length() > MAX_TITLE_LENGTH)) {
			errors.add(new InvalidField("titleContains", "must have 1 to " + MAX_TITLE_LENGTH + " characters"));
		}
		else if (titleContains != null && !storable(titleContains)) {
			errors.add(new InvalidField("titleContains", "must be valid Unicode without NUL characters"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		return this.items.page(titleContains, page, pageSize);
	}

	@Operation(operationId = "getItem", summary = "Read an item's metadata")
	@GetMapping("/items/{itemId}")
	ItemView get(@PathVariable @ExternalId String itemId) {
		return this.items.find(itemId).orElseThrow(() -> UnknownIdException.item(itemId));
	}

	private static @Nullable String title(@Nullable JsonNode node, List<InvalidField> errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			errors.add(new InvalidField("title", "must be a string"));
			return null;
		}
		String title = node.stringValue();
		if (title.codePointCount(0, title.length()) > MAX_TITLE_LENGTH) {
			errors.add(new InvalidField("title", "must be at most " + MAX_TITLE_LENGTH + " characters"));
		}
		else if (!storable(title)) {
			errors.add(new InvalidField("title", "must be valid Unicode without NUL characters"));
		}
		return title;
	}

	private @Nullable JsonNode attributes(@Nullable JsonNode node, List<InvalidField> errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			errors.add(new InvalidField("attributes", "must be a JSON object"));
			return null;
		}
		if (!storable(node)) {
			errors.add(new InvalidField("attributes",
					"must be valid Unicode without NUL characters, and its numbers finite doubles"));
		}
		else if (this.json.writeValueAsBytes(node).length > this.maxAttributesBytes) {
			errors.add(new InvalidField("attributes", "must be at most " + this.maxAttributesBytes + " bytes as JSON"));
		}
		return node;
	}

	// PostgreSQL text and jsonb cannot hold NUL, and unpaired surrogates are no Unicode.
	// 1e400 parses as an infinite double, which would be stored as the string "Infinity".
	private static boolean storable(JsonNode node) {
		if (node.isString()) {
			return storable(node.stringValue());
		}
		if (node.isNumber() && node.isFloatingPointNumber()) {
			return Double.isFinite(node.doubleValue());
		}
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			if (!storable(property.getKey()) || !storable(property.getValue())) {
				return false;
			}
		}
		for (JsonNode element : node.isArray() ? node.values() : List.<JsonNode>of()) {
			if (!storable(element)) {
				return false;
			}
		}
		return true;
	}

	private static boolean storable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
