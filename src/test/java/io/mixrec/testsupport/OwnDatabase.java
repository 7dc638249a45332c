package io.mixrec.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database per name, created on first use and kept for the JVM, for tests that
 * must control what the whole database holds: refits and recommendations read every
 * rating and model, so on a database shared with other tests "503 before the first model"
 * would depend on test order, and their refits would fit others' data.
 */
public final class OwnDatabase {

	private static final Map<String, JdbcDatabase> databases = new ConcurrentHashMap<>();

	private OwnDatabase() {
	}

	/**
	 * @param name the database's name among the tests
	 * @return the database of that name, empty when first asked for
	 */
	public static JdbcDatabase named(String name) {
		return databases.computeIfAbsent(name, (key) -> TestDatabase.createEmpty());
	}

	/**
	 * Points the application context's data source at the database of that name.
	 * @param name the database's name among the tests
	 * @param registry the context's dynamic properties
	 */
	public static void register(String name, DynamicPropertyRegistry registry) {
		named(name).register(registry);
	}

}
