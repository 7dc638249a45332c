package io.mixrec.ratings;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What PostgreSQL can store as given: its text and jsonb cannot hold NUL, unpaired
 * surrogates are no Unicode, and {@code 1e400} parses as an infinite double, which would
 * be stored as the string "Infinity".
 */
final class StorableText {

	private StorableText() {
	}

	/**
	 * @param text the text
	 * @return whether it is valid Unicode without NUL
	 */
	static boolean storable(String text) {
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

	/**
	 * @param node a JSON value
	 * @return whether its names and strings are storable and its numbers finite
	 */
	static boolean storable(JsonNode node) {
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

}
