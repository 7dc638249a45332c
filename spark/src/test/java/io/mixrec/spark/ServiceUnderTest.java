package io.mixrec.spark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service from the root build's jar ({@code target/mixrec.jar}, system property
 * {@code mixrec.service.jar}) as a process of its own on a given database, with an admin
 * and a read key, no scheduled refit, and any further settings given.
 */
final class ServiceUnderTest implements AutoCloseable {

	static final String HEADER = "X-API-Key";

	static final String ADMIN = "spark-test-admin-key-0123456789";

	static final String READ = "spark-test-read-key-0123456789";

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final Path log;

	private final HttpClient http = HttpClient.newHttpClient();

	private int port = -1;

	private ServiceUnderTest(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static ServiceUnderTest start(String url, String user, Path log, String... settings) throws IOException {
		Path jar = Path.of(System.getProperty("mixrec.service.jar", "../target/mixrec.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath()
					+ " does not exist: build the service first (./mvnw -B -DskipTests package at the root)");
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
						"--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
						"--spring.datasource.password=", "--server.port=0", "--mixrec.refit.cron=-",
						"--mixrec.security.api-keys[0].key=" + ADMIN, "--mixrec.security.api-keys[0].role=admin",
						"--mixrec.security.api-keys[1].key=" + READ, "--mixrec.security.api-keys[1].role=read"));
		command.addAll(List.of(settings));
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		return new ServiceUnderTest(process, log);
	}

	ServiceUnderTest awaitHealthy(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("the service exited:\n" + logTail());
			}
			if (this.port < 0) {
				Matcher m = STARTED.matcher(Files.readString(this.log, StandardCharsets.UTF_8));
				if (m.find()) {
					this.port = Integer.parseInt(m.group(1));
				}
			}
			if (this.port > 0 && get("/actuator/health", READ).statusCode() == 200) {
				return this;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("the service did not become healthy within " + timeout + ":\n" + logTail());
	}

	HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).header(HEADER, key).GET().build());
	}

	HttpResponse<String> post(String path, String key) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header(HEADER, key)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
