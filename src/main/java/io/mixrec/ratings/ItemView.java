package io.mixrec.ratings;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An item's metadata, as {@code PUT} and {@code GET /items/{itemId}} show it. Items
 * created implicitly by a rating have neither title nor attributes.
 *
 * @param itemId the item's external id
 * @param title the display title, or null
 * @param attributes free-form attributes (a JSON object), or null
 * @param createdAt when the item was first seen
 * @param updatedAt when its metadata last changed
 */
record ItemView(String itemId, @Nullable String title, @Nullable JsonNode attributes, Instant createdAt,
		Instant updatedAt) {

}
