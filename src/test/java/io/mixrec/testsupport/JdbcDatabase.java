package io.mixrec.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Connection coordinates of one test database, for tests that work with plain JDBC.
 *
 * @param url the JDBC URL
 * @param username the user
 * @param password the password, empty for trust authentication
 */
public record JdbcDatabase(String url, String username, String password) {

	/**
	 * A new connection; the caller closes it.
	 * @return the connection
	 * @throws SQLException if the server refuses it
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	/**
	 * An unpooled data source (every {@code getConnection} opens a connection).
	 * @return the data source
	 */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.url);
		dataSource.setUser(this.username);
		dataSource.setPassword(this.password);
		return dataSource;
	}

	/**
	 * Apply the application's Flyway migrations, as the application does at startup.
	 * Idempotent, and safe next to application contexts migrating the same database.
	 * @return this database
	 */
	public JdbcDatabase migrate() {
		Flyway.configure()
			.dataSource(this.url, this.username, this.password)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		return this;
	}

	/**
	 * Points an application context's data source at this database; as a method
	 * reference, a {@code DynamicPropertyRegistrar}.
	 * @param registry the context's dynamic properties
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", this::username);
		registry.add("spring.datasource.password", this::password);
	}

	@Override
	public String toString() {
		return "JdbcDatabase[" + this.url + ", user " + this.username + "]";
	}

}
