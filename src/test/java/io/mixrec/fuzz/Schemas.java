package io.mixrec.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schema helpers for the fuzzer: resolves references, builds a valid example
 * document from a schema, and renders it with one location replaced or removed. Examples
 * are trees of {@link Map} (objects), {@link List} (arrays) and {@link Raw} (JSON
 * literals), so that a mutation can put any text, valid JSON or not, anywhere.
 */
final class Schemas {

	private Schemas() {
	}

	/** A JSON literal, written as is. */
	record Raw(String json) {

	}

	/**
	 * The schema with every {@code $ref} replaced by its target (non-recursive schemas).
	 * @param docs the OpenAPI document
	 * @param schema the schema
	 * @return the resolved copy
	 */
	static JsonNode resolve(JsonNode docs, JsonNode schema) {
		if (schema.has("$ref")) {
			String ref = schema.get("$ref").asString();
			return resolve(docs, docs.at(ref.substring(1)));
		}
		if (!schema.isObject()) {
			return schema;
		}
		ObjectNode copy = JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, JsonNode> member : schema.properties()) {
			JsonNode value = member.getValue();
			if (value.isObject()) {
				copy.set(member.getKey(), resolveMembers(docs, member.getKey(), value));
			}
			else if (value.isArray() && member.getKey().equals("oneOf")) {
				copy.set(member.getKey(), value);
			}
			else {
				copy.set(member.getKey(), value);
			}
		}
		return copy;
	}

	private static JsonNode resolveMembers(JsonNode docs, String key, JsonNode value) {
		if (key.equals("properties")) {
			ObjectNode properties = JsonNodeFactory.instance.objectNode();
			value.properties()
				.forEach((property) -> properties.set(property.getKey(), resolve(docs, property.getValue())));
			return properties;
		}
		return resolve(docs, value);
	}

	/**
	 * A valid example of a schema: its {@code example} where given, else a value of its
	 * type; every property of an object, two elements of an array.
	 * @param schema the resolved schema
	 * @param idPrefix prefix for string values, so that examples name nothing real
	 * @return the example tree
	 */
	static Object example(JsonNode schema, String idPrefix) {
		String type = schema.path("type").asString("");
		if (type.equals("array")) {
			List<Object> elements = new ArrayList<>();
			elements.add(example(schema.path("items"), idPrefix + "a"));
			elements.add(example(schema.path("items"), idPrefix + "b"));
			return elements;
		}
		if (type.equals("object") || schema.has("properties")) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
				object.put(property.getKey(), example(property.getValue(), idPrefix));
			}
			return object;
		}
		JsonNode example = schema.get("example");
		if (example != null && !example.isNull()) {
			return new Raw(example.isString() ? (type.equals("string") && schema.path("format").isMissingNode()
					&& !example.asString().contains("\n") ? quote(idPrefix + example.asString())
							: quote(example.asString()))
					: example.toString());
		}
		return switch (type) {
			case "integer" -> new Raw("1");
			case "number" -> new Raw("3");
			case "boolean" -> new Raw("false");
			case "string" -> new Raw(quote(idPrefix + "s"));
			default -> new Raw("null");
		};
	}

	/**
	 * Render an example as JSON text, with the value at {@code path} replaced by
	 * {@code replacement} (raw JSON), or removed when the replacement is null.
	 * @param value the example
	 * @param path keys and indexes to the location, empty for the whole document
	 * @param replacement the new raw value, or null to remove the member
	 * @return the JSON text
	 */
	static String render(Object value, List<Object> path, @Nullable String replacement) {
		StringBuilder out = new StringBuilder();
		render(value, path, 0, replacement, out);
		return out.toString();
	}

	private static void render(Object value, List<Object> path, int depth, @Nullable String replacement,
			StringBuilder out) {
		boolean here = depth == path.size();
		if (here && replacement != null) {
			out.append(replacement);
			return;
		}
		Object next = here ? null : path.get(depth);
		if (value instanceof Map<?, ?> object) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> member : object.entrySet()) {
				boolean target = member.getKey().equals(next);
				if (target && replacement == null && depth == path.size() - 1) {
					continue;
				}
				out.append(first ? "" : ",").append(quote((String) member.getKey())).append(':');
				render(member.getValue(), target ? path : List.of(), target ? depth + 1 : 0,
						target ? replacement : null, out);
				first = false;
			}
			out.append('}');
		}
		else if (value instanceof List<?> array) {
			out.append('[');
			for (int i = 0; i < array.size(); i++) {
				boolean target = Integer.valueOf(i).equals(next);
				out.append((i > 0) ? "," : "");
				render(array.get(i), target ? path : List.of(), target ? depth + 1 : 0, target ? replacement : null,
						out);
			}
			out.append(']');
		}
		else {
			out.append(((Raw) value).json());
		}
	}

	/**
	 * Every location in an example with the schema that describes it.
	 * @param value the example
	 * @param schema its schema
	 * @return pairs of path and schema, the document itself first
	 */
	static List<Location> locations(Object value, JsonNode schema) {
		List<Location> locations = new ArrayList<>();
		collect(value, schema, new ArrayList<>(), null, false, locations);
		return locations;
	}

	private static void collect(Object value, JsonNode schema, List<Object> path, @Nullable String name,
			boolean required, List<Location> out) {
		out.add(new Location(List.copyOf(path), schema, name, required));
		if (value instanceof Map<?, ?> object) {
			List<String> requiredNames = new ArrayList<>();
			schema.path("required").values().forEach((n) -> requiredNames.add(n.asString()));
			for (Map.Entry<?, ?> member : object.entrySet()) {
				String key = (String) member.getKey();
				path.add(key);
				collect(member.getValue(), schema.path("properties").path(key), path, key, requiredNames.contains(key),
						out);
				path.remove(path.size() - 1);
			}
		}
		else if (value instanceof List<?> array) {
			for (int i = 0; i < array.size(); i++) {
				path.add(i);
				collect(array.get(i), schema.path("items"), path, null, true, out);
				path.remove(path.size() - 1);
			}
		}
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/**
	 * A location in an example document.
	 *
	 * @param path keys and indexes from the root
	 * @param schema the schema of the value there
	 * @param name the property name, or null for the root and array elements
	 * @param required whether the value must be present
	 */
	record Location(List<Object> path, JsonNode schema, @Nullable String name, boolean required) {

		String type() {
			return this.schema.path("type").asString("");
		}

	}

}
