package io.mixrec.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mixrec.security.SecurityProperties.ApiKey;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code mixrec.security.*} from properties and from environment variables,
 * and its validation at startup.
 */
class SecurityPropertiesBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsKeysFromPropertiesWithLowerCaseRoles() {
		this.runner.withPropertyValues("mixrec.security.api-keys[0].key=k-read-0123456789abcdefgh",
				"mixrec.security.api-keys[0].role=read", "mixrec.security.api-keys[1].key=k-admin-0123456789abcdefgh",
				"mixrec.security.api-keys[1].role=ADMIN", "mixrec.security.require-read-key=true")
			.run(bindsReadKeyRequired(new ApiKey("k-read-0123456789abcdefgh", Role.READ),
					new ApiKey("k-admin-0123456789abcdefgh", Role.ADMIN)));
	}

	@Test
	void bindsKeysFromEnvironmentVariables() {
		this.runner
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("MIXREC_SECURITY_API_KEYS_0_KEY", "env-admin-0123456789abcdefgh",
										"MIXREC_SECURITY_API_KEYS_0_ROLE", "admin", "MIXREC_SECURITY_API_KEYS_1_KEY",
										"env-write-0123456789abcdefgh", "MIXREC_SECURITY_API_KEYS_1_ROLE", "write",
										"MIXREC_SECURITY_REQUIRE_READ_KEY", "true"))))
			.run(bindsReadKeyRequired(new ApiKey("env-admin-0123456789abcdefgh", Role.ADMIN),
					new ApiKey("env-write-0123456789abcdefgh", Role.WRITE)));
	}

	@Test
	void defaultsToNoKeysAndReadsThatNeedAKey() {
		this.runner.run(bindsReadKeyRequired());
	}

	@Test
	void keyShorterThan24CharactersFailsStartupWithoutShowingIt() {
		this.runner
			.withPropertyValues("mixrec.security.api-keys[0].key=k-long-enough-0123456789",
					"mixrec.security.api-keys[0].role=admin", "mixrec.security.api-keys[1].key=change-me-write",
					"mixrec.security.api-keys[1].role=write")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mixrec.security.api-keys[1].key has 15 characters")
				.hasMessageContaining("at least 24")
				.hasMessageNotContaining("change-me-write"));
	}

	@Test
	void blankKeyFailsStartupWithAClearMessage() {
		this.runner.withPropertyValues("mixrec.security.api-keys[0].key= ", "mixrec.security.api-keys[0].role=admin")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("apiKeys[0].key")
				.hasMessageContaining("must not be blank"));
	}

	@Test
	void missingRoleFailsStartup() {
		this.runner.withPropertyValues("mixrec.security.api-keys[0].key=k-0123456789abcdefghijklmn")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("apiKeys[0].role")
				.hasMessageContaining("read, write, admin"));
	}

	@Test
	void unknownRoleFailsStartup() {
		this.runner
			.withPropertyValues("mixrec.security.api-keys[0].key=k-0123456789abcdefghijklmn",
					"mixrec.security.api-keys[0].role=root")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void toStringNeverShowsKeys() {
		SecurityProperties properties = new SecurityProperties(
				List.of(new ApiKey("super-secret-1-0123456789ab", Role.ADMIN),
						new ApiKey("super-secret-2-0123456789ab", Role.READ)),
				false);

		assertThat(properties.toString()).doesNotContain("super-secret").contains("ADMIN", "READ");
		assertThat(properties.apiKeys().get(0).toString()).isEqualTo("ApiKey[key=******, role=ADMIN]");
	}

	/** Checks that exactly these keys bound, in order, and reads that need a key. */
	private static ContextConsumer<AssertableApplicationContext> bindsReadKeyRequired(ApiKey... keys) {
		return (context) -> {
			SecurityProperties properties = context.getBean(SecurityProperties.class);
			assertThat(properties.apiKeys()).containsExactly(keys);
			assertThat(properties.requireReadKey()).isTrue();
		};
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	static class PropertiesConfiguration {

	}

}
