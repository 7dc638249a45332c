package io.mixrec.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deserializers with which {@link JsonBodies} reads the plain components of records:
 * each takes only its own JSON kind, without Jackson's coercions ({@code 5} as the text
 * {@code "5"}, {@code "4"} as the number 4), and reports any other kind as a problem of
 * its field instead of failing the body.
 */
final class StrictJsonValues {

	private StrictJsonValues() {
	}

	static SimpleModule module() {
		return new SimpleModule("mixrec-strict-json-values").addDeserializer(String.class, new Text())
			.addDeserializer(Double.class, new Number())
			.addDeserializer(ObjectNode.class, new JsonObject());
	}

	/** Text: a JSON string. */
	private static final class Text extends ValueDeserializer<String> {

		@Override
		public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.VALUE_STRING) {
				return parser.getString();
			}
			JsonBodies.reject(parser, context, "must be a string");
			return null;
		}

	}

	/**
	 * A number: any JSON number, as a double; an integer too large for one is infinite,
	 * which validation rejects as any other value out of range.
	 */
	private static final class Number extends ValueDeserializer<Double> {

		@Override
		public @Nullable Double deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken().isNumeric()) {
				return parser.getNumberValue().doubleValue();
			}
			JsonBodies.reject(parser, context, "must be a number");
			return null;
		}

	}

	/** A JSON object, as a tree. */
	private static final class JsonObject extends ValueDeserializer<ObjectNode> {

		@Override
		public @Nullable ObjectNode deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.START_OBJECT) {
				JsonNode node = context.readTree(parser);
				if (node instanceof ObjectNode object) {
					return object;
				}
			}
			JsonBodies.reject(parser, context, "must be a JSON object");
			return null;
		}

	}

}
