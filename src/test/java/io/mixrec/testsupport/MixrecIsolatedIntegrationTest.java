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
 * Like {@link MixrecIntegrationTest}, but on a database that only these tests use
 * ({@link IsolatedDatabaseConfiguration}), for features that read every rating: a refit
 * must not fit the data of unrelated test classes, and their assertions must not depend
 * on which models exist.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@Import(IsolatedDatabaseConfiguration.class)
@ActiveProfiles("test")
public @interface MixrecIsolatedIntegrationTest {

}
