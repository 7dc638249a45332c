package io.mixrec.model;

import java.util.SplittableRandom;

import io.mixrec.em.Baseline;
import io.mixrec.em.MixtureModel;
import io.mixrec.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Parameters survive a round trip through the packed storage (at float32 precision). */
class ModelParametersIntegrationTests {

	private static final JdbcClient jdbc = JdbcClient.create(TestDatabase.createEmpty().migrate().dataSource());

	private final ModelParametersRepository repository = new ModelParametersRepository(jdbc);

	@Test
	void storedParametersLoadBackAsTheSameModel() {
		MixtureModel model = randomModel(40, 3, true);
		long[] itemIds = new long[40];
		for (int i = 0; i < itemIds.length; i++) {
			itemIds[i] = 1000 + 7L * i;
		}
		long version = newVersion();
		this.repository.save(version, new StoredModel(model, itemIds, new int[] { 5, 0, 9 }));
		StoredModel loaded = this.repository.load(version).orElseThrow();
		assertThat(loaded.itemIds()).containsExactly(itemIds);
		assertThat(loaded.clusterUsers()).containsExactly(5, 0, 9);
		MixtureModel back = loaded.model();
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
		MixtureModel model = randomModel(10, 2, false);
		long version = newVersion();
		this.repository.save(version, new StoredModel(model, new long[10], new int[2]));
		MixtureModel back = this.repository.load(version).orElseThrow().model();
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

	static MixtureModel randomModel(int items, int k, boolean presence) {
		SplittableRandom random = new SplittableRandom(items * 31L + k);
		double[] means = new double[items * k];
		double[] pi = new double[presence ? items * k : 0];
		double[] bias = new double[items];
		for (int i = 0; i < items; i++) {
			bias[i] = random.nextGaussian() * 0.3;
			for (int j = 0; j < k; j++) {
				means[i * k + j] = random.nextGaussian();
				if (presence) {
					pi[i * k + j] = 1.0 / items;
				}
			}
		}
		double[] weights = new double[k];
		double[] variances = new double[k];
		for (int j = 0; j < k; j++) {
			weights[j] = 1.0 / k;
			variances[j] = 0.5 + j;
		}
		Baseline baseline = presence ? new Baseline(3.6, bias, 10) : Baseline.none(items);
		return MixtureModel.of(baseline, weights, variances, means, pi, 0.3, 3.5);
	}

}
