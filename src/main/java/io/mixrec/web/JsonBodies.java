package io.mixrec.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The one way JSON request bodies become values: a body, already parsed within the
 * {@link JsonLimitsProperties limits}, is bound to a typed record and the record is
 * checked with Bean Validation, and every bad field of the body comes out at once, as the
 * {@code errors} of one {@code validation-failed} problem.
 *
 * <p>
 * Jackson alone would stop at the first value of the wrong JSON kind. So the binding here
 * reads {@code String}, {@code Double} and {@code ObjectNode} components strictly (a
 * number is no string, a string no number, no coercion) and leniently at once: a value of
 * the wrong kind becomes null and a problem that names its field, and binding goes on.
 * Types of their own report their problems the same way ({@link #reject}). Bean
 * Validation then checks the record, except the fields that could not be bound, whose
 * problem is already known. Errors come in the order of the record's components.
 */
@Component
public class JsonBodies {

	private static final String PROBLEMS = JsonBodies.class.getName() + ".problems";

	private final RecordValidator validator;

	private final ClassValue<ObjectReader> readers;

	private final ClassValue<List<String>> components = new ClassValue<>() {

		@Override
		protected List<String> computeValue(Class<?> type) {
			RecordComponent[] components = type.getRecordComponents();
			List<String> names = new ArrayList<>();
			for (RecordComponent component : (components != null) ? components : new RecordComponent[0]) {
				names.add(component.getName());
			}
			return List.copyOf(names);
		}

	};

	JsonBodies(JsonMapper json, ValidatorFactory validation) {
		JsonMapper strict = json.rebuild()
			.addModule(StrictJsonValues.module())
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		this.validator = new RecordValidator(validation);
		this.readers = new ClassValue<>() {

			@Override
			protected ObjectReader computeValue(Class<?> type) {
				return strict.readerFor(type);
			}

		};
	}

	/**
	 * Bind a JSON object to a record and validate it.
	 * @param <T> the record type
	 * @param node the JSON value
	 * @param type the record type
	 * @return the record, or the invalid fields (one with an empty name when the value is
	 * no JSON object)
	 */
	public <T extends Record> Bound<T> bind(JsonNode node, Class<T> type) {
		if (!node.isObject()) {
			return new Bound<>(null, List.of(new InvalidField("", "must be a JSON object")));
		}
		List<InvalidField> problems = new ArrayList<>();
		T value = this.readers.get(type).withAttribute(PROBLEMS, problems).readValue(node);
		Set<String> unbound = new HashSet<>();
		problems.forEach((problem) -> unbound.add(problem.field()));
		for (InvalidField error : this.validator.validate(value)) {
			if (!unbound.contains(error.field())) {
				problems.add(error);
			}
		}
		if (problems.isEmpty()) {
			return new Bound<>(value, List.of());
		}
		return new Bound<>(null, inComponentOrder(problems, type));
	}

	/**
	 * Validate a record that holds other parts of a request, such as its path variables,
	 * so that their errors join those of the body.
	 * @param value the record
	 * @return its invalid fields, in the order of its components
	 */
	public List<InvalidField> validate(Record value) {
		return inComponentOrder(this.validator.validate(value), value.getClass());
	}

	/**
	 * Bind a request body to a record, or throw every invalid field of it and of the
	 * other parts of the request.
	 * @param <T> the record type
	 * @param body the body
	 * @param type the record type
	 * @param others records of the request's other parts, validated first
	 * @return the valid record
	 * @throws InvalidFieldsException listing every invalid field; a body that is no JSON
	 * object is the field {@code body}
	 */
	public <T extends Record> T bindOrThrow(JsonNode body, Class<T> type, Record... others) {
		List<InvalidField> errors = new ArrayList<>();
		for (Record other : others) {
			errors.addAll(validate(other));
		}
		Bound<T> bound = bind(body, type);
		for (InvalidField error : bound.errors()) {
			errors.add(error.field().isEmpty() ? new InvalidField("body", error.message()) : error);
		}
		T value = bound.value();
		if (value == null || !errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
		return value;
	}

	/**
	 * Report a value of a bound record that cannot be read as its type: it becomes null
	 * and its field is listed with the message. For the deserializers of types that
	 * {@link JsonBodies} binds.
	 * @param parser the parser, at the value
	 * @param context the context of the binding
	 * @param message why the value cannot be read, phrased to follow the field name
	 */
	public static void reject(JsonParser parser, DeserializationContext context, String message) {
		if (parser.currentToken().isStructStart()) {
			// currentName() names the property of a container only while at its start
			String field = field(parser);
			parser.skipChildren();
			problems(context, message).add(new InvalidField(field, message));
			return;
		}
		problems(context, message).add(new InvalidField(field(parser), message));
	}

	private static String field(JsonParser parser) {
		String name = parser.currentName();
		return (name != null) ? name : "";
	}

	@SuppressWarnings("unchecked")
	private static List<InvalidField> problems(DeserializationContext context, String message) {
		Object problems = context.getAttribute(PROBLEMS);
		if (problems == null) {
			// bound by a mapper other than this one's: fail as Jackson would
			throw new IllegalStateException("A value bound outside JsonBodies cannot be read: " + message);
		}
		return (List<InvalidField>) problems;
	}

	private List<InvalidField> inComponentOrder(List<InvalidField> errors, Class<?> type) {
		List<String> order = this.components.get(type);
		return errors.stream()
			.sorted(Comparator.<InvalidField>comparingInt((error) -> position(order, error.field()))
				.thenComparing(InvalidField::field)
				.thenComparing(InvalidField::message))
			.toList();
	}

	private static int position(List<String> order, String field) {
		int position = order.indexOf(field);
		return (position >= 0) ? position : order.size();
	}

	/**
	 * A record bound from JSON and validated, or what is wrong with it.
	 *
	 * @param <T> the record type
	 * @param value the valid record, or null
	 * @param errors the invalid fields, empty when the record is valid
	 */
	public record Bound<T>(@Nullable T value, List<InvalidField> errors) {

	}

}
