package io.mixrec.ratings;

import java.util.Map;

import io.mixrec.ratings.Follows.Rule;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code PUT /items/{itemId}}, as bound and validated.
 *
 * @param title the display title
 * @param attributes free-form metadata
 */
@Schema(name = "ItemInput")
record ItemInput(
		@Schema(description = "At most 1000 characters.", maxLength = ItemsController.MAX_TITLE_LENGTH,
				example = "Toy Story (1995)") @Follows(Rule.ITEM_TITLE) @Nullable String title,
		@Schema(description = "Any JSON object.",
				implementation = Map.class) @Follows(Rule.ITEM_ATTRIBUTES) @Nullable ObjectNode attributes) {

	/**
	 * The id in the path of an item, validated with its body.
	 *
	 * @param itemId the item
	 */
	record Path(@ExternalId String itemId) {

	}

}
