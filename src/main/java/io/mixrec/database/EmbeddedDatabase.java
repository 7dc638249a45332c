package io.mixrec.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A PostgreSQL server run by this JVM, with its data in a directory that outlives it: the
 * service's single-machine mode when no database is configured. The first start runs
 * {@code initdb} in the directory (an empty or missing one), later starts reuse it. The
 * server listens on the loopback interface only, trusts local connections (like
 * {@code initdb -A trust}), and is stopped by {@link #close()}.
 *
 * <p>
 * PostgreSQL refuses to run as root, so does this class: {@link #start} fails with an
 * {@link EmbeddedDatabaseException} saying what to do instead.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	private static final Log log = LogFactory.getLog(EmbeddedDatabase.class);

	private static final String SUPERUSER = "postgres";

	private final EmbeddedPostgres server;

	private final Path directory;

	private final String database;

	private EmbeddedDatabase(EmbeddedPostgres server, Path directory, String database) {
		this.server = server;
		this.directory = directory;
		this.database = database;
	}

	/**
	 * Starts the server on {@code directory}, initialising it if it holds no cluster yet,
	 * and creates {@code database} if missing.
	 * @param directory the data directory
	 * @param port loopback TCP port, 0 for any free one
	 * @param database the database to create if missing
	 * @return the running server
	 * @throws EmbeddedDatabaseException if it cannot run here (as root, in a directory
	 * another server uses, ...)
	 */
	public static EmbeddedDatabase start(Path directory, int port, String database) {
		Path absolute = directory.toAbsolutePath().normalize();
		if (RunningUser.isRoot()) {
			throw new EmbeddedDatabaseException(
					"The embedded PostgreSQL cannot run as root: PostgreSQL refuses to, and no spring.datasource.url"
							+ " is set.",
					"Start mixrec as a normal user (e.g. 'runuser -u <user> -- java -jar mixrec.jar', with a data"
							+ " directory that user owns), or point it at a PostgreSQL server with"
							+ " SPRING_DATASOURCE_URL=jdbc:postgresql://<host>:5432/<database> (and"
							+ " SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD).");
		}
		EmbeddedPostgres server;
		try {
			Files.createDirectories(absolute);
			server = EmbeddedPostgres.builder()
				.setDataDirectory(absolute)
				.setCleanDataDirectory(false)
				// Spring stops it (close()) after the connection pool, not a JVM hook
				// running at the same time as the graceful shutdown.
				.setRegisterShutdownHook(false)
				.setPort(port)
				// the builder's default is off, which may lose acknowledged writes
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("max_connections", "100")
				.setPGStartupWait(Duration.ofSeconds(60))
				.setOverrideWorkingDirectory(binariesDirectory())
				.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedDatabaseException("The embedded PostgreSQL did not start in " + absolute + ": " + ex,
					"Check that the directory is writable and not used by another running mixrec (its lock file is "
							+ absolute.resolve("epg-lock") + "), set mixrec.database.embedded.directory to another"
							+ " one, or point the service at a PostgreSQL server with SPRING_DATASOURCE_URL.",
					ex);
		}
		EmbeddedDatabase embedded = new EmbeddedDatabase(server, absolute, database);
		try {
			embedded.createDatabaseIfMissing();
		}
		catch (SQLException | RuntimeException ex) {
			embedded.close();
			throw new EmbeddedDatabaseException(
					"Could not create database '" + database + "' in the embedded" + " PostgreSQL in " + absolute + ": "
							+ ex.getMessage(),
					"Check the server's log above, or move the data directory aside to start afresh.", ex);
		}
		return embedded;
	}

	/**
	 * @return the JDBC URL of the service's database
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port() + "/" + this.database;
	}

	/**
	 * @return the user to connect as (trusted, no password)
	 */
	public String username() {
		return SUPERUSER;
	}

	/**
	 * @return the port the server listens on
	 */
	public int port() {
		return this.server.getPort();
	}

	/**
	 * @return the data directory, absolute
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Stops the server (fast shutdown: open sessions are ended, committed data is kept).
	 */
	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			log.warn("Could not stop the embedded PostgreSQL in " + this.directory + ": " + ex.getMessage());
		}
	}

	private void createDatabaseIfMissing() throws SQLException {
		try (Connection connection = this.server.getPostgresDatabase().getConnection()) {
			boolean exists;
			try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
				query.setString(1, this.database);
				try (ResultSet result = query.executeQuery()) {
					exists = result.next();
				}
			}
			if (!exists) {
				try (Statement create = connection.createStatement()) {
					create.execute("create database \"" + this.database.replace("\"", "\"\"") + "\"");
				}
			}
		}
	}

	/**
	 * Per user: a directory another user unpacked the binaries into may not be writable.
	 */
	private static File binariesDirectory() {
		String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
		return new File(System.getProperty("java.io.tmpdir"), "mixrec-postgres-" + user);
	}

	@Override
	public String toString() {
		return "embedded PostgreSQL on 127.0.0.1:" + port() + ", data in " + this.directory;
	}

}
