package io.mixrec.refit;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mixrec.MixrecApplication;
import io.mixrec.em.PlantedMixture;
import io.mixrec.model.ActiveModels;
import io.mixrec.model.ModelSnapshot;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.IsolatedDatabaseConfiguration;
import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.MixrecIsolatedIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;
import io.mixrec.testsupport.TestRatings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database: refits never overlap, and the instance that did not run
 * a refit serves its model without a restart.
 */
@MixrecIsolatedIntegrationTest
class MultiInstanceRefitIntegrationTests extends IntegrationTestBase {

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startSecondInstance() {
		JdbcDatabase database = IsolatedDatabaseConfiguration.database();
		// command-line arguments: they take precedence over application.yml's datasource
		second = new SpringApplicationBuilder(MixrecApplication.class).profiles("test")
			.run("--server.port=0", "--spring.datasource.url=" + database.url(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password());
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void twoInstancesNeverRunTwoRefitsAtOnce() throws Exception {
		new TestRatings().planted("multi-", new PlantedMixture(300, 80, 6000, 3, 2)).insert(this.dataSource);
		Timestamp since = this.jdbc.sql("select now()").query(Timestamp.class).single();
		List<ApiClient> instances = List.of(new ApiClient(this.port), new ApiClient(secondPort()));
		ExecutorService clients = Executors.newFixedThreadPool(8);
		List<Future<Integer>> statuses = new ArrayList<>();
		for (int round = 0; round < 24; round++) {
			ApiClient instance = instances.get(round % 2);
			statuses.add(clients.submit(() -> {
				HttpResponse<String> response = instance.send("POST", "/admin/refits", TestApiKeys.ADMIN,
						"application/json", "{\"clusters\": 3}");
				return response.statusCode();
			}));
			if (round % 8 == 7) {
				Thread.sleep(300);
			}
		}
		int accepted = 0;
		for (Future<Integer> status : statuses) {
			int code = status.get();
			assertThat(code).isIn(202, 409);
			accepted += (code == 202) ? 1 : 0;
		}
		clients.shutdown();
		assertThat(accepted).isPositive().isLessThan(24);
		awaitNoneRunning();
		List<long[]> runs = this.jdbc.sql("""
				select (extract(epoch from created_at) * 1e6)::bigint, (extract(epoch from finished_at) * 1e6)::bigint
				from model_versions where created_at >= ? order by created_at
				""").param(since).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
		assertThat(runs).hasSize(accepted);
		for (int k = 1; k < runs.size(); k++) {
			assertThat(runs.get(k)[0]).as("run %d starts after run %d ended", k, k - 1)
				.isGreaterThanOrEqualTo(runs.get(k - 1)[1]);
		}
	}

	@Test
	void theOtherInstanceServesANewlyActiveVersionWithoutRestart() {
		new TestRatings().planted("watch-", new PlantedMixture(200, 60, 3000, 3, 3)).insert(this.dataSource);
		ApiClient first = new ApiClient(this.port);
		awaitNoneRunning();
		HttpResponse<String> started = first.send("POST", "/admin/refits", TestApiKeys.ADMIN, "application/json",
				"{\"clusters\": 3, \"seed\": 11}");
		assertThat(started.statusCode()).isEqualTo(202);
		long id = ApiClient.json(started.body()).get("id").asLong();
		awaitNoneRunning();
		Optional<Long> active = this.jdbc.sql("select version from active_model").query(Long.class).optional();
		assertThat(active).isPresent();
		awaitServedBySecond(active.get());

		Long other = this.jdbc.sql("""
				select max(version) from model_versions
				where status in ('succeeded', 'rejected', 'retired') and version <> ?
				""").param(active.get()).query(Long.class).single();
		if (other != null) {
			assertThat(first.send("POST", "/admin/models/" + other + "/activate", TestApiKeys.ADMIN).statusCode())
				.isEqualTo(200);
			awaitServedBySecond(other);
		}
		assertThat(id).isPositive();
	}

	private void awaitServedBySecond(long version) {
		ActiveModels models = second.getBean(ActiveModels.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (models.current().map(ModelSnapshot::version).orElse(-1L) != version) {
			assertThat(System.nanoTime()).as("second instance serves version %d", version).isLessThan(deadline);
			sleep(50);
		}
	}

	private void awaitNoneRunning() {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (this.jdbc.sql("select count(*) from model_versions where status = 'running'")
			.query(Long.class)
			.single() > 0) {
			assertThat(System.nanoTime()).as("refits finish").isLessThan(deadline);
			sleep(100);
		}
	}

	private static int secondPort() {
		return ((WebServerApplicationContext) second).getWebServer().getPort();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
