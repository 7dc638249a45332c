package io.mixrec.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mixrec.MixrecApplication;
import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.TestApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service without {@code spring.datasource.url}: its own PostgreSQL, whose data
 * outlives a restart. PostgreSQL refuses to run as root, so which half runs depends on
 * the user: CI runs this class as root (its main run) and as a normal user (the
 * embedded-database step of {@code .ci/run}), so both halves run on every build.
 */
class EmbeddedDatabaseIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void keepsDataAcrossRestartsAndStopsItsServerWithTheService() throws IOException {
		assumeFalse(RunningUser.isRoot(), "PostgreSQL does not run as root; see refusesRootWithWhatToDoInstead");
		Path data = this.directory.resolve("data");
		int postgresPort;
		try (ConfigurableApplicationContext service = start(data)) {
			postgresPort = service.getBean(DatabaseConnection.class).embedded().port();
			ApiClient api = api(service);
			assertThat(api
				.send("PUT", "/users/embedded-u1/ratings/embedded-i1", TestApiKeys.WRITE, "application/json",
						"{\"rating\": 4.5}")
				.statusCode()).isBetween(200, 204);
		}
		assertThat(accepts(postgresPort)).as("the embedded server stopped with the service").isFalse();
		assertThat(data.resolve("PG_VERSION")).exists();

		try (ConfigurableApplicationContext service = start(data)) {
			HttpResponse<String> rating = api(service).send("GET", "/users/embedded-u1/ratings/embedded-i1",
					TestApiKeys.READ);
			assertThat(rating.statusCode()).isEqualTo(200);
			assertThat(ApiClient.json(rating.body()).get("rating").asDouble()).isEqualTo(4.5);
		}
	}

	@Test
	void refusesRootWithWhatToDoInstead() {
		assumeTrue(RunningUser.isRoot(), "only root is refused; see keepsDataAcrossRestarts...");
		assertThatExceptionOfType(EmbeddedDatabaseException.class)
			.isThrownBy(() -> EmbeddedDatabase.start(this.directory, 0, "mixrec"))
			.withMessageContaining("cannot run as root")
			.satisfies((ex) -> assertThat(ex.action()).contains("as a normal user")
				.contains("SPRING_DATASOURCE_URL=jdbc:postgresql://"));
		assertThatThrownBy(() -> start(this.directory.resolve("data")))
			.hasRootCauseInstanceOf(EmbeddedDatabaseException.class);
		assertThat(this.directory.resolve("data").resolve("PG_VERSION")).doesNotExist();
	}

	private static ConfigurableApplicationContext start(Path data) {
		return new SpringApplicationBuilder(MixrecApplication.class).run("--server.port=0",
				"--mixrec.database.embedded.directory=" + data, "--mixrec.refit.cron=-",
				"--mixrec.security.api-keys[0].key=" + TestApiKeys.READ, "--mixrec.security.api-keys[0].role=read",
				"--mixrec.security.api-keys[1].key=" + TestApiKeys.WRITE, "--mixrec.security.api-keys[1].role=write");
	}

	private static ApiClient api(ConfigurableApplicationContext service) {
		return new ApiClient(((WebServerApplicationContext) service).getWebServer().getPort());
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
