package io.mixrec.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The service as an operating-system process of its own, started from the packaged jar
 * ({@code target/mixrec.jar}), for tests that kill, freeze or restart it. Failsafe runs
 * after {@code package}, so the jar is there during {@code verify}; from an IDE run
 * {@code ./mvnw -DskipTests package} first.
 *
 * <p>
 * Every setting is passed as a {@code --name=value} argument (the highest-precedence
 * property source). The defaults: the given database, a port chosen by the OS (read back
 * from the log), the {@link TestApiKeys} of every role, no scheduled refit. The JVM runs
 * with a small heap, C1 only and the serial collector: it starts about twice as fast on a
 * busy two-core machine, and none of that changes what a crash does. Standard output and
 * error go to {@code target/service-logs/<name>.log}, appended across restarts.
 *
 * <p>
 * {@link #kill()} is {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux):
 * nothing in the JVM runs, sockets are closed by the kernel, exactly as after a crash or
 * an OOM kill. {@link #pause()} and {@link #resume()} send {@code SIGSTOP} and
 * {@code SIGCONT}: a stalled process (long GC pause, frozen VM) whose sockets stay open.
 * Processes still running when the test JVM exits are killed by a shutdown hook.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Pattern STARTED_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Set<ServiceProcess> started = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> started.forEach(ServiceProcess::close), "mixrec-service-cleanup"));
	}

	private final String name;

	private final Map<String, String> properties = new LinkedHashMap<>();

	// --add-modules: the service would otherwise run itself again as a child JVM with
	// the module (io.mixrec.cli.VectorRelaunch), and kill() would reach the parent only.
	private final List<String> jvmOptions = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-Xmx384m",
			"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));

	private final Path log;

	private @Nullable Process process;

	private long logOffset;

	private int port = -1;

	private @Nullable ApiClient client;

	private ServiceProcess(String name, JdbcDatabase database) {
		this.name = name;
		this.log = projectDirectory().resolve("target/service-logs/" + name + ".log");
		try {
			// a log per ServiceProcess (appended across its restarts), not per test run
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		database(database.url(), database.username(), database.password());
		with("server.port", "0");
		with("mixrec.refit.cron", "-");
		with("spring.datasource.hikari.maximum-pool-size", "5");
		String[][] keys = { { TestApiKeys.READ, "read" }, { TestApiKeys.WRITE, "write" },
				{ TestApiKeys.ADMIN, "admin" } };
		for (int n = 0; n < keys.length; n++) {
			with("mixrec.security.api-keys[" + n + "].key", keys[n][0]);
			with("mixrec.security.api-keys[" + n + "].role", keys[n][1]);
		}
	}

	/**
	 * A service (not started yet) on a database.
	 * @param name names the log file; unique per test run
	 * @param database the database; Flyway migrates it at startup
	 * @return the process, configured with the defaults
	 */
	public static ServiceProcess on(String name, JdbcDatabase database) {
		return new ServiceProcess(name, database);
	}

	/**
	 * Sets (or replaces) a property, applied from the next {@link #start()}.
	 * @param property a Spring property name
	 * @param value its value
	 * @return this
	 */
	public ServiceProcess with(String property, String value) {
		this.properties.put(property, value);
		return this;
	}

	/**
	 * Points the service at another database URL (e.g. through a {@link TcpProxy}).
	 * @param url JDBC URL
	 * @param username user
	 * @param password password
	 * @return this
	 */
	public ServiceProcess database(String url, String username, String password) {
		return with("spring.datasource.url", url).with("spring.datasource.username", username)
			.with("spring.datasource.password", password);
	}

	/**
	 * Starts the process (again, after a kill) and returns at once.
	 * @return this
	 */
	public synchronized ServiceProcess start() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is already running (pid " + this.process.pid() + ")");
		}
		Path jar = projectDirectory().resolve("target/mixrec.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					jar + " does not exist: build it with ./mvnw -DskipTests package (failsafe runs after package)");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		this.properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(this.log.getParent());
			Files.writeString(this.log, "==== " + this.name + " starting\n", StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			this.logOffset = Files.size(this.log);
			this.port = -1;
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.name, ex);
		}
		started.add(this);
		return this;
	}

	/**
	 * Waits until the service listens and {@code /actuator/health} is {@code UP}.
	 * @param timeout how long to wait
	 * @return this
	 * @throws AssertionError when the process exits or the time is up, with the log's end
	 */
	public ServiceProcess awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process current = process();
			if (!current.isAlive()) {
				throw new AssertionError(
						this.name + " exited with " + current.exitValue() + " while starting:\n" + logTail(60));
			}
			if (this.port < 0) {
				this.port = findPort();
			}
			if (this.port > 0 && healthStatus() == 200) {
				return this;
			}
			sleep(100);
		}
		throw new AssertionError(this.name + " did not become healthy within " + timeout + ":\n" + logTail(60));
	}

	/**
	 * {@link #start()} and {@link #awaitHealthy(Duration)} with a generous limit for a
	 * busy machine.
	 * @return this
	 */
	public ServiceProcess startHealthy() {
		return start().awaitHealthy(Duration.ofSeconds(120));
	}

	/**
	 * @return the HTTP status of {@code GET /actuator/health}, -1 when nobody answers
	 */
	public int healthStatus() {
		try {
			HttpResponse<String> response = api().send("GET", "/actuator/health", null);
			return response.statusCode();
		}
		catch (IllegalStateException ex) {
			return -1;
		}
	}

	/**
	 * @return the port the service listens on
	 */
	public int port() {
		if (this.port < 0) {
			throw new IllegalStateException(this.name + " has not started listening yet");
		}
		return this.port;
	}

	/**
	 * @return a client for this process's current port
	 */
	public synchronized ApiClient api() {
		ApiClient current = this.client;
		if (current == null || current.port() != port()) {
			current = new ApiClient(port());
			this.client = current;
		}
		return current;
	}

	/**
	 * @return the operating-system process id
	 */
	public long pid() {
		return process().pid();
	}

	/**
	 * @return whether the process is running (or stopped by {@link #pause()})
	 */
	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/** {@code kill -9}: ends the process at once, without any shutdown logic. */
	public void kill() {
		Process current = process();
		current.destroyForcibly();
		waitFor(current);
	}

	/** Graceful shutdown ({@code SIGTERM}), as an orchestrator stops it. */
	public void stop() {
		Process current = process();
		current.destroy();
		waitFor(current);
	}

	/** {@code kill -STOP}: freezes every thread; its sockets stay open. */
	public void pause() {
		signal("STOP");
	}

	/** {@code kill -CONT}: lets a paused process run on. */
	public void resume() {
		signal("CONT");
	}

	/**
	 * @return the log written by every run of this process so far
	 */
	public String logText() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	@Override
	public void close() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.destroyForcibly();
			waitFor(current);
		}
		started.remove(this);
	}

	@Override
	public String toString() {
		return this.name + ((this.process != null) ? " (pid " + this.process.pid() + ", port " + this.port + ")" : "");
	}

	private Process process() {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException(this.name + " was never started");
		}
		return current;
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private int findPort() {
		Matcher matcher = STARTED_PORT.matcher(currentRunLog());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	private String currentRunLog() {
		try (RandomAccessFile file = new RandomAccessFile(this.log.toFile(), "r")) {
			long length = file.length() - this.logOffset;
			byte[] bytes = new byte[(int) Math.max(0, length)];
			file.seek(this.logOffset);
			file.readFully(bytes);
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String logTail(int lines) {
		String[] all = currentRunLog().split("\n");
		return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
	}

	private static void waitFor(Process process) {
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Path projectDirectory() {
		// Maven sets basedir for forked test JVMs; IDEs run in the project directory.
		String basedir = System.getProperty("basedir");
		return Path.of((basedir != null) ? basedir : System.getProperty("user.dir")).toAbsolutePath();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
