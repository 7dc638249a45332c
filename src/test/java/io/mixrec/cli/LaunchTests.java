package io.mixrec.cli;

import io.mixrec.cli.MixrecCli.Action;
import io.mixrec.cli.MixrecCli.Launch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchTests {

	private final CapturedConsole console = new CapturedConsole();

	@Test
	void helpPrintsTheUsageOfEveryCommandAndExitsZero() {
		for (String help : new String[] { "--help", "-h", "help" }) {
			this.console.clear();
			Launch launch = launch(help);
			assertThat(this.console.err()).isEmpty();
			if (help.equals("help")) {
				assertThat(launch.action()).isEqualTo(Action.COMMAND);
				continue;
			}
			assertThat(launch.action()).isEqualTo(Action.EXIT);
			assertThat(launch.exitCode()).isZero();
			assertThat(this.console.out()).contains("java -jar mixrec.jar [serve] [--<property>=<value> ...]")
				.contains("usage: java -jar mixrec.jar evaluate")
				.contains("usage: java -jar mixrec.jar fit")
				.contains("usage: java -jar mixrec.jar generate");
		}
	}

	@Test
	void unknownCommandExitsTwoWithoutStartingTheService() {
		Launch launch = launch("frobnicate", "--server.port=0");

		assertThat(launch.action()).isEqualTo(Action.EXIT);
		assertThat(launch.exitCode()).isEqualTo(2);
		assertThat(this.console.err()).contains("unknown command 'frobnicate'").contains("--help");
	}

	@Test
	void unknownOptionOfTheServiceExitsTwo() {
		for (String[] args : new String[][] { { "--frobnicate" }, { "-x" }, { "serve", "--port", "9090" },
				{ "--server.port=0", "stray" } }) {
			this.console.clear();
			Launch launch = launch(args);
			assertThat(launch.action()).as(String.join(" ", args)).isEqualTo(Action.EXIT);
			assertThat(launch.exitCode()).isEqualTo(2);
			assertThat(this.console.err()).contains("mixrec serve: ").contains("--name=value");
		}
	}

	@Test
	void serveTakesSpringPropertiesAndIsTheDefault() {
		assertThat(launch().action()).isEqualTo(Action.SERVE);
		Launch launch = launch("serve", "--server.port=9090", "--mixrec.security.api-keys[0].key=k=v", "--debug");
		assertThat(launch.action()).isEqualTo(Action.SERVE);
		assertThat(launch.args()).containsExactly("--server.port=9090", "--mixrec.security.api-keys[0].key=k=v",
				"--debug");
		assertThat(launch("--server.port=9090").args()).containsExactly("--server.port=9090");
	}

	@Test
	void serveHelpExitsZero() {
		Launch launch = launch("serve", "--help");

		assertThat(launch.exitCode()).isZero();
		assertThat(launch.action()).isEqualTo(Action.EXIT);
		assertThat(this.console.out()).contains("SPRING_DATASOURCE_URL").contains("embedded PostgreSQL");
	}

	@Test
	void commandsAreLeftToTheirParser() {
		Launch launch = launch("fit", "--nope");

		assertThat(launch.action()).isEqualTo(Action.COMMAND);
		assertThat(launch.args()).containsExactly("fit", "--nope");
	}

	private Launch launch(String... args) {
		return MixrecCli.launch(args, this.console.outStream(), this.console.errStream());
	}

}
