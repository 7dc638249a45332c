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

	/**
	 * @return the isolated database, created on first use
	 */
	public static JdbcDatabase database() {
		return OwnDatabase.named("isolated");
	}

	@Bean
	DynamicPropertyRegistrar mixrecIsolatedDatabaseProperties() {
		return database()::register;
	}

}
