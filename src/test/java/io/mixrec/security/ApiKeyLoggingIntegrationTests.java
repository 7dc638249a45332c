package io.mixrec.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mixrec.testsupport.ApiClient;
import io.mixrec.testsupport.IntegrationTestBase;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.testsupport.TestApiKeys;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the most verbose logging of the web and security stack, no request with a key,
 * valid or not, writes the key to the log.
 */
@MixrecIntegrationTest
@TestPropertySource(properties = { "logging.level.org.springframework.security=TRACE",
		"logging.level.org.springframework.web=TRACE", "logging.level.io.mixrec=TRACE",
		"logging.level.org.apache.coyote.http11=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyLoggingIntegrationTests extends IntegrationTestBase {

	@Test
	void keysNeverReachTheLog(CapturedOutput output) {
		ApiClient api = new ApiClient(this.port);
		api.send("GET", "/users/u1", TestApiKeys.READ);
		api.send("PUT", "/users/u1", TestApiKeys.WRITE, "application/json", "{}");
		api.send("POST", "/admin/refit", TestApiKeys.WRITE);
		api.send("GET", "/actuator/prometheus", TestApiKeys.ADMIN);
		api.send("GET", "/actuator/health", TestApiKeys.UNKNOWN);

		// The requests were logged (so the test looks at real log output) ...
		assertThat(output).contains("/admin/refit", "api-key[2]");
		// ... but none of the keys were.
		assertThat(output).doesNotContain(TestApiKeys.READ, TestApiKeys.WRITE, TestApiKeys.ADMIN, TestApiKeys.UNKNOWN);
	}

}
