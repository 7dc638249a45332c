package io.mixrec.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points an application context at a database of its own, created once per JVM and shared
 * by every {@link MixrecIsolatedIntegrationTest}: for features that read the whole
 * database (refits, recommendations), which must not see the data of unrelated tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IsolatedDatabaseConfiguration {

	private static JdbcDatabase database;

	/**
	 * @return the isolated database, created on first use
	 */
	public static synchronized JdbcDatabase database() {
		if (database == null) {
			database = TestDatabase.createEmpty();
		}
		return database;
	}

	@Bean
	DynamicPropertyRegistrar mixrecIsolatedDatabaseProperties() {
		JdbcDatabase isolated = database();
		return (registry) -> {
			registry.add("spring.datasource.url", isolated::url);
			registry.add("spring.datasource.username", isolated::username);
			registry.add("spring.datasource.password", isolated::password);
		};
	}

}
