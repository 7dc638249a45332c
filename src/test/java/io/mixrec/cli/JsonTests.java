package io.mixrec.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-rolled JSON writer emits valid JSON for awkward values.
 */
class JsonTests {

	@Test
	void writesNonFiniteNumbersAsNull() {
		Json json = new Json().put("a", Double.NaN).put("b", Double.POSITIVE_INFINITY).put("c", 1.5).put("d", 2L);
		assertThat(json).hasToString("{\"a\":null,\"b\":null,\"c\":1.5,\"d\":2}");
	}

	@Test
	void escapesStringsAndNestsObjects() {
		Json json = new Json().put("s", "a\"b\\c\n\u0001").put("o", new Json().put("t", true));
		assertThat(json).hasToString("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"o\":{\"t\":true}}");
	}

}
