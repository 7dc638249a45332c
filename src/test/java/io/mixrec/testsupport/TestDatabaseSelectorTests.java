package io.mixrec.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.TestDatabaseSelector.Choice;
import io.mixrec.testsupport.TestDatabaseSelector.Docker;
import io.mixrec.testsupport.TestDatabaseSelector.Embedded;
import io.mixrec.testsupport.TestDatabaseSelector.Server;
import io.mixrec.testsupport.TestDatabaseSelector.Source;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseSelectorTests {

	private final Map<String, String> settings = new HashMap<>();

	private final AtomicInteger dockerProbes = new AtomicInteger();

	private final AtomicInteger localProbes = new AtomicInteger();

	private boolean localAnswers = true;

	@Test
	void usesServerFromEnvironmentWithoutProbingDocker() {
		this.settings.put("MIXREC_TEST_DATABASE_URL", "jdbc:postgresql://db.example:6543/ci");
		this.settings.put("MIXREC_TEST_DATABASE_USERNAME", "ci");
		this.settings.put("MIXREC_TEST_DATABASE_PASSWORD", "secret");

		Choice choice = select(docker(true));

		assertThat(choice)
			.isEqualTo(new Server(Source.ENVIRONMENT, "jdbc:postgresql://db.example:6543/ci", "ci", "secret"));
		assertThat(this.dockerProbes).hasValue(0);
	}

	@Test
	void serverFromEnvironmentDefaultsToUserPostgresWithoutPassword() {
		this.settings.put("MIXREC_TEST_DATABASE_URL", "jdbc:postgresql://db.example/ci");

		assertThat(select(docker(false)))
			.isEqualTo(new Server(Source.ENVIRONMENT, "jdbc:postgresql://db.example/ci", "postgres", ""));
	}

	@Test
	void blankUrlCountsAsUnset() {
		this.settings.put("MIXREC_TEST_DATABASE_URL", "  ");

		assertThat(select(docker(true))).isInstanceOf(Docker.class);
	}

	@Test
	void usesDockerWhenAvailableAndNoServerConfiguredWithoutProbingTheLocalServer() {
		assertThat(select(docker(true))).isInstanceOf(Docker.class);
		assertThat(this.dockerProbes).hasValue(1);
		assertThat(this.localProbes).hasValue(0);
	}

	@Test
	void fallsBackToLocalServerWithoutDocker() {
		assertThat(select(docker(false)))
			.isEqualTo(new Server(Source.LOCAL, "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""));
	}

	@Test
	void fallsBackToEmbeddedPostgresWhenNeitherDockerNorLocalServerAnswers() {
		this.localAnswers = false;

		assertThat(select(docker(false))).isInstanceOf(Embedded.class);
		assertThat(this.localProbes).hasValue(1);
	}

	@Test
	void localServerCanBeSwitchedOffEvenWhenItAnswers() {
		this.settings.put("MIXREC_TEST_LOCAL", "false");

		assertThat(select(docker(false))).isInstanceOf(Embedded.class);
		assertThat(this.localProbes).hasValue(0);
	}

	@Test
	void dockerCanBeSwitchedOffEvenWhenAvailable() {
		this.settings.put("MIXREC_TEST_DOCKER", "FALSE");

		assertThat(select(docker(true))).isInstanceOf(Server.class)
			.extracting((choice) -> ((Server) choice).source())
			.isEqualTo(Source.LOCAL);
		assertThat(this.dockerProbes).hasValue(0);
	}

	@Test
	void systemPropertyOverridesEnvironment() {
		String name = "MIXREC_TEST_SELECTOR_PROBE_" + System.nanoTime();
		System.setProperty(name, "from-property");
		try {
			assertThat(TestDatabaseSelector.fromEnvironment(name)).isEqualTo("from-property");
		}
		finally {
			System.clearProperty(name);
		}
		assertThat(TestDatabaseSelector.fromEnvironment(name)).isNull();
	}

	private Choice select(BooleanSupplier docker) {
		return TestDatabaseSelector.select(this.settings::get, docker, () -> {
			this.localProbes.incrementAndGet();
			return this.localAnswers;
		});
	}

	private BooleanSupplier docker(boolean available) {
		return () -> {
			this.dockerProbes.incrementAndGet();
			return available;
		};
	}

}
