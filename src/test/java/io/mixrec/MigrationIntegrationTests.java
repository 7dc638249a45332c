package io.mixrec;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The Flyway migrations on real PostgreSQL: from an empty database, and as the
 * application applies them at startup (where Hibernate then validates the schema).
 */
@MixrecIntegrationTest
class MigrationIntegrationTests {

	@Autowired
	Flyway flyway;

	@Autowired
	JdbcClient jdbc;

	@Test
	void migratesAnEmptyDatabase() {
		JdbcDatabase empty = TestDatabase.createEmpty();

		empty.migrate();

		JdbcClient client = JdbcClient.create(empty.dataSource());
		assertThat(client.sql("select version from flyway_schema_history where success order by installed_rank")
			.query(String.class)
			.list()).containsExactly("1", "2", "3", "4", "5", "6", "7");
		assertThat(tables(client)).containsExactlyInAnyOrder("flyway_schema_history", "items", "rating_changes",
				"ratings", "users", "model_versions", "model_clusters", "model_parameters", "model_components",
				"active_model", "model_activations", "api_keys");
		// V7: a version written by the refit on Spark says so; other triggers stay
		// refused
		String insert = "insert into model_versions (status, trigger, options, seed, clusters, owner) "
				+ "values ('succeeded', ?, '{}', 0, 2, 'test')";
		assertThat(client.sql(insert).param("spark").update()).isOne();
		assertThatException().isThrownBy(() -> client.sql(insert).param("cron").update())
			.withMessageContaining("model_versions_trigger");
	}

	@Test
	void applicationAppliedTheMigrationsAtStartup() {
		List<MigrationInfo> applied = List.of(this.flyway.info().applied());

		assertThat(applied).extracting((info) -> info.getVersion().getVersion()).contains("1");
		assertThat(applied).allSatisfy((info) -> assertThat(info.getState()).isEqualTo(MigrationState.SUCCESS));
		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(tables(this.jdbc)).contains("users", "items", "ratings", "rating_changes");
	}

	@Test
	void ratingsHaveNoBTreeIndexBesidesThePrimaryKey() {
		// every B-tree index on a 100M-row table slows every import; a BRIN index (the
		// dashboard's writes per hour) costs next to nothing
		assertThat(this.jdbc.sql("select indexname from pg_indexes where tablename = 'ratings'")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("ratings_pkey", "ratings_updated_at_brin");
		assertThat(this.jdbc
			.sql("select indexdef from pg_indexes where tablename = 'ratings' and indexname <> 'ratings_pkey'")
			.query(String.class)
			.list()).allMatch((definition) -> definition.contains("USING brin"));
	}

	@Test
	void externalIdsMustHaveOneTo128Characters() {
		assertThatException().isThrownBy(() -> this.jdbc.sql("insert into users (external_id) values ('')").update())
			.withMessageContaining("users_external_id_length");
		assertThatException()
			.isThrownBy(() -> this.jdbc.sql("insert into items (external_id) values (repeat('x', 129))").update())
			.withMessageContaining("character varying(128)");
		assertThat(this.jdbc.sql("insert into items (external_id) values (repeat('m', 128))").update()).isOne();
	}

	@Test
	void ratingsMustBeFinite() {
		long user = this.jdbc.sql("insert into users (external_id) values ('finite-check') returning id")
			.query(Long.class)
			.single();
		long item = this.jdbc.sql("insert into items (external_id) values ('finite-check') returning id")
			.query(Long.class)
			.single();
		for (String value : List.of("NaN", "Infinity", "-Infinity")) {
			assertThatException()
				.isThrownBy(() -> this.jdbc
					.sql("insert into ratings (user_id, item_id, rating, rated_at) values (?, ?, ?::real, now())")
					.params(user, item, value)
					.update())
				.withMessageContaining("ratings_rating_finite");
		}
	}

	private static List<String> tables(JdbcClient client) {
		return client.sql("select table_name from information_schema.tables where table_schema = 'public'")
			.query(String.class)
			.list();
	}

}
