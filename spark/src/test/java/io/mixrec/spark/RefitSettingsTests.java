package io.mixrec.spark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RefitSettingsTests {

	@Test
	void classicWithTheEngineDefaults() {
		RefitSettings settings = RefitSettings
			.parse(new String[] { "--jdbc-url", "jdbc:postgresql://db/mixrec", "--clusters", "8", "--seed", "9" });
		assertThat(settings.options().clusters()).isEqualTo(8);
		assertThat(settings.options().seed()).isEqualTo(9);
		assertThat(settings.options().maxIterations()).isEqualTo(1000);
		assertThat(settings.options().centering()).isFalse();
		assertThat(settings.dryRun()).isFalse();
	}

	@Test
	void refusesWhatDoesNotRunOnSparkYet() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RefitSettings.parse(new String[] { "--jdbc-url", "u", "--preset", "ensemble" }))
			.withMessageContaining("only classic");
	}

	@Test
	void refusesUnknownOrIncompleteOptions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RefitSettings.parse(new String[] { "--jdbc-url", "u", "--colour", "red" }))
			.withMessageContaining("unknown option --colour");
		assertThatIllegalArgumentException().isThrownBy(() -> RefitSettings.parse(new String[] { "--clusters" }))
			.withMessageContaining("--clusters needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RefitSettings.parse(new String[] { "--input", "r.csv", "--clusters", "8" }))
			.withMessageContaining("--jdbc-url is needed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RefitSettings.parse(new String[] { "--jdbc-url", "u", "--clusters", "many" }))
			.withMessageContaining("--clusters must be an integer");
	}

}
