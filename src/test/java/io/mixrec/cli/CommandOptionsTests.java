package io.mixrec.cli;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Command lines as picocli parses them, with messages that name the option. */
class CommandOptionsTests {

	private static final Set<String> KNOWN = Set.of("users", "seed", "out");

	private static CommandOptions parse(String... args) {
		return CommandOptions.parse("generate", List.of(args), KNOWN);
	}

	@Test
	void readsSpacedAndEqualsValues() {
		CommandOptions options = parse("--users", "1_000", "--seed=-3", "--out=a=b");
		assertThat(options.intValue("users", 0, 1)).isEqualTo(1000);
		assertThat(options.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(-3);
		assertThat(options.required("out")).isEqualTo("a=b");
		assertThat(options.has("users")).isTrue();
		assertThat(options.help()).isFalse();
	}

	@Test
	void helpWinsOverEverythingElse() {
		assertThat(parse("--nonsense", "--help").help()).isTrue();
		assertThat(parse("-h").help()).isTrue();
	}

	@Test
	void rejectsWhatIsNotAnOptionOfTheCommand() {
		assertThatThrownBy(() -> parse("--colour=red")).isInstanceOf(UsageException.class)
			.hasMessage("unknown option --colour for generate");
		assertThatThrownBy(() -> parse("stray")).hasMessage("unexpected argument 'stray' for generate");
		assertThatThrownBy(() -> parse("--users")).hasMessage("option --users needs a value");
		assertThatThrownBy(() -> parse("--users", "1", "--users", "2")).hasMessage("option --users given twice");
	}

	@Test
	void namesTheOptionOfABadValue() {
		assertThatThrownBy(() -> parse("--users", "0").intValue("users", 1, 1))
			.hasMessage("--users must be an integer in [1, 2147483647], was '0'");
		assertThatThrownBy(() -> parse().required("out")).hasMessage("generate needs --out");
	}

}
