package io.mixrec.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points an application context at the run's {@link TestDatabase}: with Docker, the
 * shared container as a {@link ServiceConnection}; otherwise the datasource properties of
 * the run's database on the chosen server. Every context in the JVM uses the same
 * database, so contexts with different configurations can share data.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	/**
	 * The JVM-wide container. Not stopped with the context (another cached context may
	 * still use it); Testcontainers removes it when the JVM exits.
	 * @return the started container
	 */
	@Bean(destroyMethod = "")
	@ServiceConnection
	@Conditional(OnDocker.class)
	PostgreSQLContainer mixrecTestPostgres() {
		return TestDatabase.get().container();
	}

	@Bean
	@Conditional(OnServer.class)
	DynamicPropertyRegistrar mixrecTestDatabaseProperties() {
		return TestDatabase.shared()::register;
	}

	static final class OnDocker implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestDatabase.get().usesDocker();
		}

	}

	static final class OnServer implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !TestDatabase.get().usesDocker();
		}

	}

}
