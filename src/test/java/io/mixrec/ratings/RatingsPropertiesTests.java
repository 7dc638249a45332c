package io.mixrec.ratings;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding and validation of {@code mixrec.ratings.*}.
 */
class RatingsPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsAreTheDocumentedOnes() {
		this.runner.run((context) -> {
			RatingsProperties properties = context.getBean(RatingsProperties.class);
			assertThat(properties.min()).isEqualTo(0.5);
			assertThat(properties.max()).isEqualTo(5);
			assertThat(properties.step()).isEqualTo(0.5);
			assertThat(properties.maxFutureSkew()).isEqualTo(Duration.ofDays(1));
			assertThat(properties.earliestRatedAt()).isEqualTo(Instant.EPOCH);
			assertThat(properties.maxAttributesBytes()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.maxBatchSize()).isEqualTo(10_000);
			assertThat(properties.maxRetries()).isEqualTo(5);
			assertThat(properties.maxReportedLines()).isEqualTo(100);
			assertThat(properties.maxLineBytes()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.importWorkMem()).isEqualTo(DataSize.ofMegabytes(64));
			assertThat(properties.defaultPageSize()).isEqualTo(100);
			assertThat(properties.maxPageSize()).isEqualTo(1000);
		});
	}

	@Test
	void bindsEveryProperty() {
		this.runner
			.withPropertyValues("mixrec.ratings.min=0", "mixrec.ratings.max=10", "mixrec.ratings.step=0",
					"mixrec.ratings.max-future-skew=5m", "mixrec.ratings.earliest-rated-at=1995-01-01T00:00:00Z",
					"mixrec.ratings.max-attributes-bytes=1MB", "mixrec.ratings.max-batch-size=500",
					"mixrec.ratings.max-retries=2", "mixrec.ratings.max-reported-lines=10",
					"mixrec.ratings.max-line-bytes=64KB", "mixrec.ratings.import-work-mem=256MB",
					"mixrec.ratings.default-page-size=20", "mixrec.ratings.max-page-size=200")
			.run((context) -> {
				RatingsProperties properties = context.getBean(RatingsProperties.class);
				assertThat(properties.max()).isEqualTo(10);
				assertThat(properties.step()).isZero();
				assertThat(properties.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.earliestRatedAt()).isEqualTo(Instant.parse("1995-01-01T00:00:00Z"));
				assertThat(properties.maxAttributesBytes()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(properties.maxLineBytes()).isEqualTo(DataSize.ofKilobytes(64));
				assertThat(properties.importWorkMem()).isEqualTo(DataSize.ofMegabytes(256));
				assertThat(properties.maxPageSize()).isEqualTo(200);
			});
	}

	@Test
	void inconsistentValuesFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("mixrec.ratings.min=5", "mixrec.ratings.max=1")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("mixrec.ratings.min"));
		this.runner.withPropertyValues("mixrec.ratings.step=-1")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("step"));
		this.runner.withPropertyValues("mixrec.ratings.default-page-size=2000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mixrec.ratings.default-page-size"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RatingsProperties.class)
	static class PropertiesConfiguration {

	}

}
