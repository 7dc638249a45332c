package io.mixrec.dashboard;

import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.OwnDatabase;

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

	static JdbcDatabase database() {
		return OwnDatabase.named("dashboard");
	}

	@Bean
	DynamicPropertyRegistrar dashboardDatabaseProperties() {
		return database()::register;
	}

}
