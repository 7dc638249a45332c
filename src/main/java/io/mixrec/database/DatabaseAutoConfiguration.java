package io.mixrec.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The connection details of the service's database, ahead of Spring Boot's own: the
 * {@code spring.datasource.*} server when one is configured, otherwise an
 * {@link EmbeddedDatabase} (single-machine mode). Other connection details (a
 * Testcontainers {@code @ServiceConnection}) take precedence.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass(EmbeddedPostgres.class)
@EnableConfigurationProperties({ DataSourceProperties.class, EmbeddedDatabaseProperties.class })
public class DatabaseAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(JdbcConnectionDetails.class)
	DatabaseConnection jdbcConnectionDetails(DataSourceProperties dataSource, EmbeddedDatabaseProperties embedded) {
		return DatabaseConnection.of(dataSource, embedded);
	}

}
