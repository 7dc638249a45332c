package io.mixrec.dashboard;

import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.TestDatabase;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A database of the dashboard tests' own, shared by their one application context: their
 * refits read every rating, so they must neither fit other tests' data nor slow their
 * refits down with theirs.
 */
@TestConfiguration(proxyBeanMethods = false)
class DashboardTestDatabase {

	private static JdbcDatabase database;

	static synchronized JdbcDatabase database() {
		if (database == null) {
			database = TestDatabase.createEmpty();
		}
		return database;
	}

	@Bean
	DynamicPropertyRegistrar dashboardDatabaseProperties() {
		JdbcDatabase own = database();
		return (registry) -> {
			registry.add("spring.datasource.url", own::url);
			registry.add("spring.datasource.username", own::username);
			registry.add("spring.datasource.password", own::password);
		};
	}

}
