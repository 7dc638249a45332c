package io.mixrec.ratings;

import java.time.DateTimeException;
import java.time.Instant;

import io.mixrec.web.JsonBodies;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a {@code ratedAt}: epoch seconds as a JSON number, or text that
 * {@link RatingRules#parseRatedAt} reads. Anything else is a problem of the field, not of
 * the body ({@link JsonBodies}).
 */
final class RatedAtDeserializer extends ValueDeserializer<Instant> {

	@Override
	public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		try {
			if (token.isNumeric()) {
				return RatingRules.epochSeconds(parser.getDecimalValue());
			}
			if (token == JsonToken.VALUE_STRING) {
				return RatingRules.parseRatedAt(parser.getString());
			}
		}
		catch (DateTimeException | ArithmeticException | NumberFormatException | JacksonException ex) {
			// out of range, or an infinite number
		}
		JsonBodies.reject(parser, context, RatingRules.ratedAtFormatProblem());
		return null;
	}

}
