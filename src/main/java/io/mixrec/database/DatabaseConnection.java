package io.mixrec.database;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The service's database connection: the configured server, or an
 * {@link EmbeddedDatabase} that this object started and stops when the context closes
 * (after the connection pool, which depends on it).
 */
final class DatabaseConnection implements JdbcConnectionDetails, AutoCloseable {

	private static final Log log = LogFactory.getLog(DatabaseConnection.class);

	private final String url;

	private final @Nullable String username;

	private final @Nullable String password;

	private final @Nullable String driverClassName;

	private final @Nullable EmbeddedDatabase embedded;

	private DatabaseConnection(String url, @Nullable String username, @Nullable String password,
			@Nullable String driverClassName, @Nullable EmbeddedDatabase embedded) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.driverClassName = driverClassName;
		this.embedded = embedded;
	}

	/**
	 * Decided when the pool is created, not when the configuration is read: test
	 * harnesses and {@code DynamicPropertyRegistrar}s add {@code spring.datasource.url}
	 * only then.
	 */
	static DatabaseConnection of(DataSourceProperties dataSource, EmbeddedDatabaseProperties embedded) {
		String url = dataSource.getUrl();
		if (url != null && !url.isBlank()) {
			return new DatabaseConnection(url, dataSource.getUsername(), dataSource.getPassword(),
					dataSource.determineDriverClassName(), null);
		}
		EmbeddedDatabase database = EmbeddedDatabase.start(embedded.directory(), embedded.port(), embedded.database());
		log.info("Single-machine mode: no spring.datasource.url is set, so mixrec runs its own embedded PostgreSQL"
				+ " on 127.0.0.1:" + database.port() + " with its data in " + database.directory()
				+ " (kept across restarts; mixrec.database.embedded.directory moves it).");
		log.info(
				"To use a PostgreSQL server instead, set SPRING_DATASOURCE_URL=jdbc:postgresql://<host>:5432/<database>"
						+ " (and SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD).");
		return new DatabaseConnection(database.jdbcUrl(), database.username(), "", "org.postgresql.Driver", database);
	}

	@Override
	public @Nullable String getUsername() {
		return this.username;
	}

	@Override
	public @Nullable String getPassword() {
		return this.password;
	}

	@Override
	public String getJdbcUrl() {
		return this.url;
	}

	@Override
	public String getDriverClassName() {
		return (this.driverClassName != null) ? this.driverClassName : JdbcConnectionDetails.super.getDriverClassName();
	}

	/**
	 * @return the embedded server, if this connection started one
	 */
	@Nullable EmbeddedDatabase embedded() {
		return this.embedded;
	}

	@Override
	public void close() {
		if (this.embedded != null) {
			log.info("Stopping the embedded PostgreSQL in " + this.embedded.directory());
			this.embedded.close();
		}
	}

}
