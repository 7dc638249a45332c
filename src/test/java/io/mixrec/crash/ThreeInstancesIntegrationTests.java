package io.mixrec.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mixrec.testsupport.ServiceProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.mixrec.crash.CrashChecks.await;
import static io.mixrec.crash.CrashChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas ({@link Replicas}) started at the same moment on one empty database:
 * Flyway's lock must let exactly one of them migrate; a refit runner frozen past its
 * lease must not publish over the model another replica published meanwhile.
 */
class ThreeInstancesIntegrationTests {

	private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

	private Replicas replicas;

	@BeforeEach
	void replicasAreHealthy() {
		this.replicas = Replicas.healthy();
	}

	@Test
	void threeInstancesStartedAtOnceOnAnEmptyDatabaseMigrateItOnce() throws IOException {
		List<Map<String, Object>> history = this.replicas.jdbc
			.sql("select version, count(*) as applied, bool_and(success) as success from flyway_schema_history"
					+ " group by version order by version::int")
			.query()
			.listOfRows();
		List<String> expected = migrationVersions();
		assertThat(history).extracting((row) -> row.get("version")).containsExactlyElementsOf(expected);
		assertThat(history).allSatisfy((row) -> {
			assertThat(row.get("applied")).isEqualTo(1L);
			assertThat(row.get("success")).isEqualTo(true);
		});
		long migrated = this.replicas.all()
			.stream()
			.filter((instance) -> instance.logText().contains("Successfully applied"))
			.count();
		assertThat(migrated).as("instances that applied migrations").isEqualTo(1);
		for (ServiceProcess instance : this.replicas.all()) {
			assertThat(instance.healthStatus()).as("%s health", instance).isEqualTo(200);
			assertThat(instance.logText()).doesNotContain("APPLICATION FAILED TO START");
		}
		System.out.printf(
				"[crash] three instances started at once on an empty database: 3/3 healthy after %d ms, "
						+ "%d migrations (versions %s) applied once each, by %d instance%n",
				this.replicas.startupMillis, history.size(), expected, migrated);
	}

	@Test
	void refitRunnerFrozenPastItsLeaseCannotPublishAfterAnotherInstanceDid() {
		ServiceProcess frozen = this.replicas.replica(1);
		ServiceProcess other = this.replicas.replica(2);
		JdbcClient jdbc = this.replicas.jdbc;
		long activationsBefore = count(jdbc, "select count(*) from model_activations");

		long stale = Refits.start(frozen, Refits.LONG);
		Refits.awaitFitting(frozen, stale);
		frozen.pause();
		long frozenAt = System.nanoTime();
		long published;
		try {
			await(Duration.ofSeconds(30), "another instance fails the frozen run once its lease expired",
					() -> "failed".equals(Refits.status(other, stale)));
			published = Refits.finished(other, Refits.QUICK);
			assertThat(Refits.status(other, published)).isEqualTo("active");
		}
		finally {
			frozen.resume();
		}
		long frozenMillis = (System.nanoTime() - frozenAt) / 1_000_000;
		Pattern ended = Pattern.compile("Refit " + stale + " (stopped|failed|succeeded|rejected|active)[^\\n]*");
		await(Duration.ofSeconds(60), "the resumed runner ends its run", () -> ended.matcher(frozen.logText()).find());
		Matcher outcome = ended.matcher(frozen.logText());
		assertThat(outcome.find()).isTrue();

		assertThat(Refits.activeVersion(jdbc)).isEqualTo(published);
		assertThat(Refits.status(other, stale)).isEqualTo("failed");
		long stalePublishes = count(jdbc, "select count(*) from model_activations where version = " + stale);
		assertThat(stalePublishes).isZero();
		assertThat(count(jdbc, "select count(*) from model_clusters where version = " + stale)).isZero();
		assertThat(count(jdbc, "select count(*) from model_parameters where version = " + stale)).isZero();
		assertThat(count(jdbc, "select count(*) from model_activations")).isEqualTo(activationsBefore + 1);
		assertThat(frozen.healthStatus()).isEqualTo(200);
		for (ServiceProcess instance : this.replicas.all()) {
			await(Duration.ofSeconds(15), instance + " serves the published version",
					() -> Refits.servedVersion(instance) == published);
		}

		System.out.printf(
				"[crash] SIGSTOP of a refit runner in its fit for %d ms (lease %d s): another replica failed run %d "
						+ "and published %d; after SIGCONT the runner logged \"%s\"; stale publishes %d, "
						+ "all 3 replicas serve %d%n",
				frozenMillis, Refits.LEASE.toSeconds(), stale, published, outcome.group(), stalePublishes, published);
	}

	private static List<String> migrationVersions() throws IOException {
		String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
		try (Stream<Path> files = Files.list(Path.of(basedir, "db", "migration"))) {
			return files.map((file) -> MIGRATION.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.map((matcher) -> matcher.group(1))
				.sorted(Comparator.comparingInt(Integer::parseInt))
				.toList();
		}
	}

}
