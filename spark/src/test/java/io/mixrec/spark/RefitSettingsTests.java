package io.mixrec.spark;

import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSetup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RefitSettingsTests {

	@Test
	void classicWithTheEngineDefaults() {
		RefitSettings settings = RefitSettings.parse(new String[] { "--jdbc-url", "jdbc:postgresql://db/mixrec",
				"--preset", "classic", "--clusters", "8", "--seed", "9" });
		assertThat(settings.ensemble()).isFalse();
		assertThat(settings.options().clusters()).isEqualTo(8);
		assertThat(settings.options().seed()).isEqualTo(9);
		assertThat(settings.options().restarts()).isEqualTo(1);
		assertThat(settings.options().maxIterations()).isEqualTo(1000);
		assertThat(settings.options().centering()).isFalse();
		assertThat(settings.dryRun()).isFalse();
	}

	@Test
	void theEnsembleByDefaultWithTheServicesOptionsForAFixedK() {
		RefitSettings settings = RefitSettings
			.parse(new String[] { "--jdbc-url", "jdbc:postgresql://db/mixrec", "--clusters", "8", "--seed", "9" });
		assertThat(settings.ensemble()).isTrue();
		EnsembleOptions expected = EnsembleSetup.of(8, null, null, 9, 1).options();
		assertThat(settings.ensembleOptions()).isEqualTo(expected);
		assertThat(settings.ensembleOptions().users().clusters()).isEqualTo(8);
		assertThat(settings.ensembleOptions().users().restarts())
			.isEqualTo(EnsembleOptions.defaults().users().restarts());
		EnsembleOptions every = RefitSettings
			.parse(new String[] { "--jdbc-url", "u", "--restarts", "3", "--max-iterations", "20" })
			.ensembleOptions();
		assertThat(every.items().restarts()).isEqualTo(3);
		assertThat(every.aspects().restarts()).isEqualTo(3);
		assertThat(every.aspects().maxIterations()).isEqualTo(20);
	}

	@Test
	void refusesAnUnknownPreset() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RefitSettings.parse(new String[] { "--jdbc-url", "u", "--preset", "mixture" }))
			.withMessageContaining("--preset must be ensemble or classic, was mixture");
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
