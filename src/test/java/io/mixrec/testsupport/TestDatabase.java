package io.mixrec.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.mixrec.database.EmbeddedDatabase;
import io.mixrec.testsupport.TestDatabaseSelector.Choice;
import io.mixrec.testsupport.TestDatabaseSelector.Docker;
import io.mixrec.testsupport.TestDatabaseSelector.Embedded;
import io.mixrec.testsupport.TestDatabaseSelector.Server;
import io.mixrec.testsupport.TestDatabaseSelector.Source;

/**
 * The PostgreSQL database of this test run, one per JVM, shared by every test: Spring
 * contexts get it through {@link TestDatabaseConfiguration}, plain JDBC tests through
 * {@link #shared()}.
 *
 * <p>
 * On an existing server (see {@link TestDatabaseSelector}) it creates a database named
 * {@code mixrec_test_<yyyyMMddHHmmss>_<random>}, so that concurrent and earlier runs
 * never see each other's data, and drops it when the JVM exits. With Docker the container
 * is the run's own server and its database is used directly; when Docker answers but the
 * container cannot start (no image and no registry), it falls through to the next option.
 * The embedded PostgreSQL is the run's own server too, in a temporary directory deleted
 * at exit. If none of them can run (an embedded server as root) the first test that needs
 * a database fails with instructions; it never skips.
 */
public final class TestDatabase {

	private static final Log log = LogFactory.getLog(TestDatabase.class);

	private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

	private static @Nullable TestDatabase instance;

	private static @Nullable RuntimeException failure;

	private final Choice choice;

	private final @Nullable PostgreSQLContainer container;

	private final @Nullable EmbeddedDatabase embedded;

	private final JdbcDatabase server;

	private final JdbcDatabase shared;

	private final String runName;

	private final AtomicInteger extraDatabases = new AtomicInteger();

	private final List<String> createdDatabases = new ArrayList<>();

	private TestDatabase(Choice choice) {
		this.choice = choice;
		this.runName = "mixrec_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
				+ randomSuffix();
		if (choice instanceof Server server) {
			this.container = null;
			this.embedded = null;
			this.server = new JdbcDatabase(server.url(), server.username(), server.password());
			checkReachable(server);
			Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreatedDatabases, "mixrec-test-db-cleanup"));
			this.shared = createDatabase(this.runName);
		}
		else if (choice instanceof Embedded) {
			this.container = null;
			this.embedded = startEmbedded();
			this.server = new JdbcDatabase(this.embedded.jdbcUrl(), this.embedded.username(), "");
			this.shared = createDatabase(this.runName);
		}
		else {
			PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");
			postgres.start();
			this.container = postgres;
			this.embedded = null;
			this.server = new JdbcDatabase(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
			this.shared = this.server;
		}
		log.info("Test database: " + this.shared + " (" + choice + ")");
	}

	/**
	 * Opens the first option of {@link TestDatabaseSelector} that works: a Docker engine
	 * that answers but cannot start {@code postgres:17} (no image, no registry) is
	 * skipped.
	 */
	private static TestDatabase open() {
		AtomicBoolean dockerFailed = new AtomicBoolean();
		while (true) {
			Choice choice = TestDatabaseSelector.select(TestDatabaseSelector::fromEnvironment,
					() -> !dockerFailed.get() && DockerProbe.isDockerAvailable(DOCKER_PROBE_TIMEOUT),
					TestDatabase::localServerAnswers);
			try {
				return new TestDatabase(choice);
			}
			catch (RuntimeException ex) {
				if (!(choice instanceof Docker)) {
					throw ex;
				}
				log.warn("A Docker engine answers, but the postgres:17 container did not start (" + ex
						+ "); trying the next option");
				dockerFailed.set(true);
			}
		}
	}

	private static boolean localServerAnswers() {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("password", "");
		properties.setProperty("connectTimeout", "3");
		properties.setProperty("loginTimeout", "5");
		try (Connection connection = DriverManager.getConnection(TestDatabaseSelector.LOCAL_URL, properties)) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			log.info("No local PostgreSQL at " + TestDatabaseSelector.LOCAL_URL + " (" + ex.getMessage()
					+ "); using an embedded PostgreSQL");
			return false;
		}
	}

	private static EmbeddedDatabase startEmbedded() {
		Path directory;
		try {
			directory = Files.createTempDirectory("mixrec-test-postgres");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		EmbeddedDatabase embedded;
		try {
			embedded = EmbeddedDatabase.start(directory, 0, "postgres");
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The tests need PostgreSQL. No " + TestDatabaseSelector.URL_SETTING
					+ " is set, no Docker engine runs postgres:17 and no local server answers at "
					+ TestDatabaseSelector.LOCAL_URL + ", so they start an embedded PostgreSQL, which failed: "
					+ ex.getMessage() + " Run the tests as a normal user, or start PostgreSQL on 127.0.0.1:5432"
					+ " with user 'postgres' (e.g. 'pg_ctlcluster <version> main start'), or set "
					+ TestDatabaseSelector.URL_SETTING + ".", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			embedded.close();
			deleteTree(directory);
		}, "mixrec-test-embedded-postgres"));
		return embedded;
	}

	private static void deleteTree(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + directory + ": " + ex.getMessage());
		}
	}

	/**
	 * The run's database, created on first use. Not migrated: call
	 * {@link JdbcDatabase#migrate()} in plain JDBC tests; application contexts migrate it
	 * themselves with Flyway at startup.
	 * @return the shared database
	 */
	public static JdbcDatabase shared() {
		return get().shared;
	}

	/**
	 * A new, empty database on the same server, dropped at JVM exit. For tests that need
	 * a database nobody else touches (e.g. migrating from scratch).
	 * @return the new database
	 */
	public static JdbcDatabase createEmpty() {
		TestDatabase database = get();
		return database.createDatabase(database.runName + "_" + database.extraDatabases.incrementAndGet());
	}

	static synchronized TestDatabase get() {
		if (failure != null) {
			// Fail every later test with the same message instead of probing again.
			throw failure;
		}
		if (instance == null) {
			try {
				instance = open();
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
		}
		return instance;
	}

	boolean usesDocker() {
		return this.choice instanceof Docker;
	}

	PostgreSQLContainer container() {
		if (this.container == null) {
			throw new IllegalStateException("Not running with Docker: " + this.choice);
		}
		return this.container;
	}

	/**
	 * The JDBC URL of another database on the same server.
	 * @param url a PostgreSQL JDBC URL
	 * ({@code jdbc:postgresql://host[:port][/db][?params]})
	 * @param database the database name to put in
	 * @return the URL pointing at {@code database}, same host, port and parameters
	 */
	static String withDatabase(String url, String database) {
		Matcher matcher = POSTGRES_URL.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + url);
		}
		String parameters = matcher.group(3);
		return matcher.group(1) + "/" + database + ((parameters != null) ? parameters : "");
	}

	private JdbcDatabase createDatabase(String name) {
		try (Connection connection = this.server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create database \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + " on " + this.server + ": user '"
					+ this.server.username() + "' needs the CREATEDB privilege (ALTER ROLE " + this.server.username()
					+ " CREATEDB). " + ex.getMessage(), ex);
		}
		synchronized (this.createdDatabases) {
			this.createdDatabases.add(name);
		}
		return new JdbcDatabase(withDatabase(this.server.url(), name), this.server.username(), this.server.password());
	}

	private void dropCreatedDatabases() {
		List<String> names;
		synchronized (this.createdDatabases) {
			names = List.copyOf(this.createdDatabases);
		}
		if (names.isEmpty()) {
			return;
		}
		try (Connection connection = this.server.connect(); Statement statement = connection.createStatement()) {
			for (String name : names) {
				// FORCE (PostgreSQL 13+) disconnects pools that are still open at exit.
				statement.execute("drop database if exists \"" + name + "\" with (force)");
			}
		}
		catch (SQLException ex) {
			System.err
				.println("Could not drop test databases " + names + " on " + this.server + ": " + ex.getMessage());
		}
	}

	private static void checkReachable(Server server) {
		try (Connection connection = new JdbcDatabase(server.url(), server.username(), server.password()).connect()) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(unreachableMessage(server, ex), ex);
		}
	}

	static String unreachableMessage(Server server, Exception cause) {
		String start = (server.source() == Source.ENVIRONMENT)
				? "Check " + TestDatabaseSelector.URL_SETTING + ", " + TestDatabaseSelector.USERNAME_SETTING + " and "
						+ TestDatabaseSelector.PASSWORD_SETTING + "."
				: "Start PostgreSQL on 127.0.0.1:5432 with user 'postgres' (e.g. 'pg_ctlcluster <version> main start',"
						+ " or 'docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17'),"
						+ " or start a Docker engine so that Testcontainers can run postgres:17," + " or set "
						+ TestDatabaseSelector.URL_SETTING + " (and " + TestDatabaseSelector.USERNAME_SETTING + ", "
						+ TestDatabaseSelector.PASSWORD_SETTING + ") to a server where that user may create"
						+ " databases.";
		String reason = String.valueOf(cause.getMessage()).replaceAll("\\.+$", "");
		return "The tests need PostgreSQL, but " + server.url() + " (user " + server.username() + ") is not reachable: "
				+ reason + ". " + start;
	}

	private static String randomSuffix() {
		Random random = new Random();
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			suffix.append((char) ('a' + random.nextInt(26)));
		}
		return suffix.toString();
	}

}
