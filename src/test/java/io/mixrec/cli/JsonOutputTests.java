package io.mixrec.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's JSON output is valid JSON for awkward values. */
class JsonOutputTests {

	@Test
	void writesNonFiniteFiguresAsNull() {
		String json = JsonOutput.object()
			.put("a", JsonOutput.finite(Double.NaN))
			.put("b", JsonOutput.finite(Double.POSITIVE_INFINITY))
			.put("c", JsonOutput.finite(1.5))
			.put("d", 2L)
			.toString();
		assertThat(json).isEqualTo("{\"a\":null,\"b\":null,\"c\":1.5,\"d\":2}");
	}

	@Test
	void escapesStringsAndNestsObjects() {
		var json = JsonOutput.object().put("s", "a\"b\\c\n\u0001");
		json.set("o", JsonOutput.object().put("t", true));
		assertThat(json).hasToString("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"o\":{\"t\":true}}");
	}

}
