package io.mixrec.web;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Binding JSON bodies to records: every field of the wrong kind and every broken
 * constraint at once, in the order of the record's components, and no field twice.
 */
class JsonBodiesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

	private final JsonBodies bodies = new JsonBodies(this.json, this.validation);

	@AfterEach
	void close() {
		this.validation.close();
	}

	@Test
	void bindsAValidObjectIgnoringUnknownFields() {
		JsonBodies.Bound<Sample> bound = this.bodies.bind(
				tree("{\"name\": \"n\", \"score\": 2, \"extra\": {\"deep\": [1]}, \"tags\": {\"a\": 1}}"),
				Sample.class);

		assertThat(bound.errors()).isEmpty();
		assertThat(bound.value()).isEqualTo(new Sample("n", 2.0, (ObjectNode) tree("{\"a\": 1}")));
	}

	@Test
	void reportsEveryFieldOfTheWrongKindAndEveryBrokenConstraintInComponentOrder() {
		JsonBodies.Bound<Sample> bound = this.bodies.bind(tree("{\"tags\": [1], \"score\": \"4\", \"name\": 5}"),
				Sample.class);

		assertThat(bound.value()).isNull();
		assertThat(bound.errors()).containsExactly(new InvalidField("name", "must be a string"),
				new InvalidField("score", "must be a number"), new InvalidField("tags", "must be a JSON object"));
	}

	@Test
	void fieldsThatCannotBeReadAreNotAlsoReportedAsMissing() {
		JsonBodies.Bound<Sample> bound = this.bodies.bind(tree("{\"name\": {\"a\": [1, 2]}, \"score\": 11}"),
				Sample.class);

		assertThat(bound.errors()).containsExactly(new InvalidField("name", "must be a string"),
				new InvalidField("score", "must be less than or equal to 10"));
	}

	@Test
	void constraintsApplyToWhatWasBound() {
		JsonBodies.Bound<Sample> bound = this.bodies.bind(tree("{\"name\": \"toolong\", \"score\": null}"),
				Sample.class);

		assertThat(bound.errors()).extracting(InvalidField::field).containsExactly("name", "score");
	}

	@Test
	void aNumberTooLargeForADoubleIsInfinite() {
		JsonBodies.Bound<Sample> bound = this.bodies
			.bind(tree("{\"name\": \"n\", \"score\": 1" + "0".repeat(400) + "}"), Sample.class);

		assertThat(bound.errors()).containsExactly(new InvalidField("score", "must be less than or equal to 10"));
	}

	@Test
	void aValueThatIsNoObjectIsOneErrorWithoutAField() {
		assertThat(this.bodies.bind(tree("[{\"name\": \"n\"}]"), Sample.class).errors())
			.containsExactly(new InvalidField("", "must be a JSON object"));
	}

	@Test
	void bindOrThrowListsTheOtherPartsFirstAndNamesABodyThatIsNoObject() {
		assertThatExceptionOfType(InvalidFieldsException.class)
			.isThrownBy(() -> this.bodies.bindOrThrow(tree("7"), Sample.class, new PathPart("")))
			.satisfies((ex) -> assertThat(ex.members().get("errors"))
				.isEqualTo(List.of(new InvalidField("id", "size must be between 1 and 3"),
						new InvalidField("body", "must be a JSON object"))));
		assertThat(this.bodies.bindOrThrow(tree("{\"name\": \"n\", \"score\": 1}"), Sample.class, new PathPart("p")))
			.isEqualTo(new Sample("n", 1.0, null));
	}

	private JsonNode tree(String json) {
		return this.json.readTree(json);
	}

	record Sample(@Size(max = 3) @Nullable String name, @NotNull @Max(10) @Nullable Double score,
			@Nullable ObjectNode tags) {

	}

	record PathPart(@Size(min = 1, max = 3) String id) {

	}

}
