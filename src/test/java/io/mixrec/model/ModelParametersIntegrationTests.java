package io.mixrec.model;

import io.mixrec.em.MixtureModel;
import io.mixrec.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Parameters survive a round trip through the packed storage (at float32 precision). */
class ModelParametersIntegrationTests {

	private static final JdbcClient jdbc = JdbcClient.create(TestDatabase.createEmpty().migrate().dataSource());

	private final ModelParametersRepository repository = new ModelParametersRepository(jdbc,
			tools.jackson.databind.json.JsonMapper.builder().build());

	@Test
	void storedParametersLoadBackAsTheSameModel() {
		MixtureModel model = RandomModels.withPresence(40, 3);
		long[] itemKeys = new long[40];
		for (int i = 0; i < itemKeys.length; i++) {
			itemKeys[i] = 1000 + 7L * i;
		}
		long version = newVersion();
		this.repository.save(version, new StoredModel(model, itemKeys, new int[] { 5, 0, 9 }));
		StoredModel loaded = this.repository.load(version).orElseThrow();
		assertThat(loaded.itemKeys()).containsExactly(itemKeys);
		assertThat(loaded.clusterUsers()).containsExactly(5, 0, 9);
		MixtureModel back = (MixtureModel) loaded.model();
		assertThat(back.weights()).containsExactly(model.weights());
		assertThat(back.variances()).containsExactly(model.variances());
		assertThat(back.baseline().globalMean()).isEqualTo(model.baseline().globalMean());
		assertThat(back.presenceWeight()).isEqualTo(model.presenceWeight());
		for (int k = 0; k < model.means().length; k++) {
			assertThat(back.means()[k]).isCloseTo(model.means()[k], within(1e-6 * Math.abs(model.means()[k]) + 1e-7));
			assertThat(back.presence()[k]).isCloseTo(model.presence()[k], within(1e-6 * model.presence()[k]));
		}
	}

	@Test
	void aModelWithoutPresenceOrUserBiasesRoundTrips() {
		MixtureModel model = RandomModels.plain(10, 2);
		long version = newVersion();
		this.repository.save(version, new StoredModel(model, new long[10], new int[2]));
		MixtureModel back = (MixtureModel) this.repository.load(version).orElseThrow().model();
		assertThat(back.hasPresence()).isFalse();
		assertThat(back.baseline().userDamping()).isInfinite();
		assertThat(this.repository.load(version + 1000)).isEmpty();
	}

	private static long newVersion() {
		return jdbc.sql("""
				insert into model_versions (status, trigger, options, seed, clusters, owner)
				values ('succeeded', 'admin', '{}', 1, 3, 'test') returning version
				""").query(Long.class).single();
	}

}
