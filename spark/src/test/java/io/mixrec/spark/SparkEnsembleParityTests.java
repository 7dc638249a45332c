package io.mixrec.spark;

import java.nio.file.Path;
import java.util.Arrays;

import io.mixrec.em.EnsembleFit;
import io.mixrec.em.EnsembleFitter;
import io.mixrec.em.EnsembleModel;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.RatingMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mixrec.spark.SparkParityTests.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On ML-100K (u1.base; a planted set of its shape where it is missing) in
 * {@code local[2]}, the Spark fit of the default model, the ensemble, and the in-process
 * fit with the same options and seed give the same biases, objective traces of every
 * restart of every part, and parameters to 1e-9 relative.
 */
class SparkEnsembleParityTests {

	@TempDir
	static Path directory;

	static Path file;

	static Ratings.Indexed local;

	@BeforeAll
	static void read() throws Exception {
		file = Ratings.movieLensOrPlanted(directory);
		local = Ratings.read(file);
	}

	@Test
	void theEnsembleMatchesTheInProcessFit() {
		RefitSettings settings = RefitSettings.parse(new String[] { "--input", file.toString(), "--separator", "\\t",
				"--clusters", "6", "--restarts", "2", "--seed", "3", "--max-iterations", "40", "--part-users", "200",
				"--holdout-fraction", "0", "--dry-run" });
		EnsembleOptions options = settings.ensembleOptions();
		RatingMatrix matrix = local.matrix();
		EnsembleFit expected = new EnsembleFitter(options.withThreads(2)).fit(matrix);

		SparkRefit.Fitted fitted = SparkRefit.fit(LocalSpark.session(), settings);
		System.out.println(fitted.describe());
		EnsembleFit actual = fitted.ensemble();

		assertThat(fitted.users()).isEqualTo(matrix.users());
		assertThat(fitted.ratings()).isEqualTo(matrix.ratings());
		assertThat(fitted.itemIds()).containsExactly(local.itemIds());
		assertThat(fitted.partitions()).isGreaterThan(1);
		EnsembleModel a = actual.model();
		EnsembleModel e = expected.model();
		assertClose("global mean", new double[] { a.baseline().globalMean() },
				new double[] { e.baseline().globalMean() });
		assertClose("item biases", a.baseline().itemBias(), e.baseline().itemBias());
		assertThat(Arrays.stream(expected.parts().toArray(EnsembleFitter.PartFit[]::new))
			.map(EnsembleFitter.PartFit::part)).containsExactly(EnsembleFitter.Part.USERS, EnsembleFitter.Part.USERS,
					EnsembleFitter.Part.ITEMS, EnsembleFitter.Part.ITEMS, EnsembleFitter.Part.ASPECTS,
					EnsembleFitter.Part.ASPECTS);
		assertThat(actual.parts()).hasSameSizeAs(expected.parts());
		for (int p = 0; p < expected.parts().size(); p++) {
			EnsembleFitter.PartFit r = actual.parts().get(p);
			EnsembleFitter.PartFit l = expected.parts().get(p);
			String what = l.part() + " restart " + l.restart();
			assertThat(r.part()).as(what).isEqualTo(l.part());
			assertThat(r.iterations()).as(what).isEqualTo(l.iterations());
			assertThat(r.converged()).as(what).isEqualTo(l.converged());
			assertClose(what + " trace", r.trace(), l.trace());
		}
		assertThat(fitted.clusterUsers()).containsExactly(expected.clusterUsers());
		for (int r = 0; r < e.userMixtures().size(); r++) {
			EnsembleModel.UserMixture ra = a.userMixtures().get(r);
			EnsembleModel.UserMixture re = e.userMixtures().get(r);
			assertClose("user mixture " + r + " weights", ra.weights(), re.weights());
			assertClose("user mixture " + r + " variances", ra.variances(), re.variances());
			assertClose("user mixture " + r + " means", ra.means(), re.means());
			assertClose("user mixture " + r + " support", ra.support(), re.support());
		}
		for (int r = 0; r < e.itemMixtures().size(); r++) {
			assertClose("item mixture " + r, a.itemMixtures().get(r).membership(),
					e.itemMixtures().get(r).membership());
		}
		for (int r = 0; r < e.aspectModels().size(); r++) {
			assertClose("aspect model " + r, a.aspectModels().get(r).phi(), e.aspectModels().get(r).phi());
		}
		assertThat(fitted.trace()).containsExactly(actual.parts().get(0).trace());
	}

}
