package io.mixrec.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.ServiceProcess;
import io.mixrec.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances started at the same moment on an empty database: Flyway's lock lets
 * exactly one of them migrate, the others wait and then find the schema in place.
 */
class ConcurrentStartupIntegrationTests {

	private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

	private final List<ServiceProcess> instances = new ArrayList<>();

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ServiceProcess::close);
	}

	@Test
	void threeInstancesStartedAtOnceOnAnEmptyDatabaseMigrateItOnce() throws Exception {
		JdbcDatabase database = TestDatabase.createEmpty();
		for (int n = 1; n <= 3; n++) {
			this.instances.add(ServiceProcess.on("startup-" + n, database));
		}
		this.instances.forEach(ServiceProcess::start);
		this.instances.forEach((instance) -> instance.awaitHealthy(java.time.Duration.ofSeconds(180)));

		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		List<Map<String, Object>> history = jdbc
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
		for (ServiceProcess instance : this.instances) {
			assertThat(instance.healthStatus()).as("%s health", instance).isEqualTo(200);
			assertThat(instance.logText()).doesNotContain("APPLICATION FAILED TO START");
		}
		System.out.println("[crash] three instances started at once: 3/3 healthy, " + history.size()
				+ " migrations applied once each (versions " + expected + ")");
	}

	private static List<String> migrationVersions() throws IOException {
		String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
		try (Stream<Path> files = Files.list(Path.of(basedir, "db", "migration"))) {
			return files.map((file) -> MIGRATION.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.map((matcher) -> matcher.group(1))
				.sorted(java.util.Comparator.comparingInt(Integer::parseInt))
				.toList();
		}
	}

}
