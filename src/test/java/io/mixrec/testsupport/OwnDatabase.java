package io.mixrec.recommend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.TestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database per name, for recommendation tests that must control whether a model
 * exists: the shared isolated database of {@code @MixrecIsolatedIntegrationTest} may
 * already hold the models and ratings of the refit tests (and its cached context their
 * active snapshot), which would make "503 before the first model" depend on test order
 * and mix their data into our refits.
 */
final class OwnDatabase {

	private static final Map<String, JdbcDatabase> databases = new ConcurrentHashMap<>();

	private OwnDatabase() {
	}

	static JdbcDatabase named(String name) {
		return databases.computeIfAbsent(name, (key) -> TestDatabase.createEmpty());
	}

	static void register(String name, DynamicPropertyRegistry registry) {
		JdbcDatabase database = named(name);
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

}
