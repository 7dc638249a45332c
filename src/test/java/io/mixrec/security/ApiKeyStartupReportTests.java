package io.mixrec.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mixrec.security.SecurityProperties.ApiKey;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ApiKeyStartupReportTests {

	@Test
	void warnsHowToConfigureKeysWhenThereAreNone(CapturedOutput output) {
		new ApiKeyStartupReport(new SecurityProperties(List.of(), false)).afterSingletonsInstantiated();

		assertThat(output).contains("WARN", "No API keys configured", "write and admin requests will be rejected",
				"mixrec.security.api-keys[0].key", "mixrec.security.api-keys[0].role", "MIXREC_SECURITY_API_KEYS_0_KEY",
				"MIXREC_SECURITY_API_KEYS_0_ROLE");
	}

	@Test
	void warnsThatAllRequestsAreRejectedWhenReadsNeedAKey(CapturedOutput output) {
		new ApiKeyStartupReport(new SecurityProperties(List.of(), true)).afterSingletonsInstantiated();

		assertThat(output).contains("all requests will be rejected with 401");
	}

	@Test
	void summarisesConfiguredKeysWithoutShowingThem(CapturedOutput output) {
		new ApiKeyStartupReport(new SecurityProperties(List.of(new ApiKey("secret-a-0123456789abcdef", Role.ADMIN),
				new ApiKey("secret-b-0123456789abcdef", Role.WRITE),
				new ApiKey("secret-c-0123456789abcdef", Role.WRITE)), false))
			.afterSingletonsInstantiated();

		assertThat(output).contains("3 API key(s) configured (2 write, 1 admin); read requests are open")
			.doesNotContain("secret-")
			.doesNotContain("WARN");
	}

}
