package io.mixrec.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} is safe as shipped: the service is published on the loopback
 * interface unless told otherwise, and no credential has a working default (keys come
 * from the service's own bootstrap key or from {@code .env}; the database password must
 * be set).
 */
class ComposeFileTests {

	private final List<String> lines = read("docker-compose.yml");

	@Test
	void publishesOnLoopbackByDefault() {
		assertThat(this.lines).filteredOn((line) -> line.strip().startsWith("- \"") && line.contains(":8080\""))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("${MIXREC_BIND:-127.0.0.1}:"));
	}

	@Test
	void hasNoDefaultKeysOrPasswords() {
		assertThat(String.join("\n", this.lines)).doesNotContain("change-me")
			.doesNotContain("MIXREC_SECURITY_API_KEYS_0_KEY: ${")
			.doesNotContain("_PASSWORD:-");
		assertThat(this.lines).filteredOn((line) -> line.contains("PASSWORD:"))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("${MIXREC_DB_PASSWORD:?"));
	}

	@Test
	void exampleEnvironmentHasNoWorkingValues() {
		List<String> example = read(".env.example");
		assertThat(example).filteredOn((line) -> !line.startsWith("#") && line.contains("="))
			.allSatisfy((line) -> assertThat(line).matches("[A-Z_0-9]+=(|127\\.0\\.0\\.1|8080|true)"));
	}

	private static List<String> read(String file) {
		try {
			return Files.readAllLines(Path.of(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
