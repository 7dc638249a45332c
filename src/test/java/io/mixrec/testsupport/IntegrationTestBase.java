package io.mixrec.testsupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the whole-application tests ({@link MixrecIntegrationTest},
 * {@link MixrecIsolatedIntegrationTest}) share: the server's port, an {@link ApiClient}
 * for it made before each test, and the test's database as a {@link DataSource} and a
 * {@link JdbcClient}. Spring injects the fields; a subclass reads them as its own, so
 * each test class declares only what is particular to it.
 */
public abstract class IntegrationTestBase {

	@LocalServerPort
	protected int port;

	@Autowired
	protected DataSource dataSource;

	@Autowired
	protected JdbcClient jdbc;

	protected ApiClient api;

	@BeforeEach
	protected void connectApi() {
		this.api = new ApiClient(this.port);
	}

	/**
	 * @param sql a query that answers one number, such as a count
	 * @param params its positional parameters
	 * @return the number
	 */
	protected long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

}
