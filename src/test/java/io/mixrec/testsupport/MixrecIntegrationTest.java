package io.mixrec.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, on the run's PostgreSQL database with the
 * Flyway migrations applied, metrics exported as in production (Spring Boot switches
 * exporters off in tests by default), with the API keys of {@link TestApiKeys} configured
 * (profile {@code test}, {@code src/test/resources/application-test.yml}). Use it on
 * every test class that needs the application and the database; the context is cached and
 * shared by all classes with the same configuration.
 *
 * <pre class="code">
 * &#64;MixrecIntegrationTest
 * class RatingsIntegrationTests {
 *
 *     &#64;LocalServerPort
 *     int port;
 *
 *     &#64;Autowired
 *     JdbcClient jdbc;
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
public @interface MixrecIntegrationTest {

}
