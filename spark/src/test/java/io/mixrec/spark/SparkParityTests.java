package io.mixrec.spark;

import java.nio.file.Path;
import java.util.Arrays;

import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleFit;
import io.mixrec.em.EnsembleFitter;
import io.mixrec.em.EnsembleModel;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.FitResult;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RatingMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On ML-100K (u1.base; a planted set of its shape where it is missing) in
 * {@code local[2]}, the Spark fit and the in-process fit with the same options and seed
 * give the same objective traces and parameters to 1e-9 relative: the classic mixture,
 * and the default model, the ensemble (biases, every restart of every part).
 */
class SparkParityTests {

	@TempDir
	static Path directory;

	static Path file;

	static Ratings.Indexed local;

	@BeforeAll
	static void read() throws Exception {
		file = Ratings.movieLensOrPlanted(directory);
		local = Ratings.read(file);
	}

	@ParameterizedTest(name = "users per partition: {0} (0: the engine's blocks)")
	@ValueSource(ints = { 0, 100 })
	void classicMatchesTheInProcessFit(int partUsers) throws Exception {
		RefitSettings settings = RefitSettings.parse(new String[] { "--input", file.toString(), "--separator", "\\t",
				"--preset", "classic", "--clusters", "6", "--restarts", "2", "--seed", "3", "--max-iterations", "400",
				"--part-users", Integer.toString(partUsers), "--holdout-fraction", "0", "--dry-run" });
		EmOptions options = settings.options();
		RatingMatrix matrix = local.matrix();
		FitResult expected = new MixtureFitter(options.toBuilder().threads(2).build()).fit(matrix);

		SparkRefit.Fitted fitted = fitOnSpark(settings);
		FitResult actual = fitted.mixture();
		assertThat(actual.restart()).isEqualTo(expected.restart());
		assertThat(actual.iterations()).isEqualTo(expected.iterations());
		assertThat(actual.totalIterations()).isEqualTo(expected.totalIterations());
		assertThat(actual.converged()).isEqualTo(expected.converged());
		assertClose("objective trace", actual.objectiveTrace(), expected.objectiveTrace());
		assertClose("restart objectives", actual.restartObjectives(), expected.restartObjectives());
		assertClose("log-likelihood", new double[] { actual.logLikelihood() },
				new double[] { expected.logLikelihood() });
		assertClose("BIC", new double[] { actual.bic() }, new double[] { expected.bic() });
		MixtureModel a = actual.model();
		MixtureModel e = expected.model();
		assertClose("weights", a.weights(), e.weights());
		assertClose("variances", a.variances(), e.variances());
		assertClose("means", a.means(), e.means());
		assertThat(fitted.clusterUsers()).containsExactly(clusterUsers(e, matrix));
	}

	@Test
	void theEnsembleMatchesTheInProcessFit() {
		RefitSettings settings = RefitSettings.parse(new String[] { "--input", file.toString(), "--separator", "\\t",
				"--clusters", "6", "--restarts", "2", "--seed", "3", "--max-iterations", "40", "--part-users", "200",
				"--holdout-fraction", "0", "--dry-run" });
		EnsembleOptions options = settings.ensembleOptions();
		RatingMatrix matrix = local.matrix();
		EnsembleFit expected = new EnsembleFitter(options.withThreads(2)).fit(matrix);

		SparkRefit.Fitted fitted = fitOnSpark(settings);
		EnsembleFit actual = fitted.ensemble();
		EnsembleModel a = actual.model();
		EnsembleModel e = expected.model();
		assertClose("global mean", new double[] { a.baseline().globalMean() },
				new double[] { e.baseline().globalMean() });
		assertCloseToScale("item biases", a.baseline().itemBias(), e.baseline().itemBias());
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
			assertCloseToScale("user mixture " + r + " means", ra.means(), re.means());
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

	/** The Spark fit, checked to have read every rating of the in-process fit. */
	private static SparkRefit.Fitted fitOnSpark(RefitSettings settings) {
		SparkRefit.Fitted fitted = SparkRefit.fit(LocalSpark.session(), settings);
		System.out.println(fitted.describe());
		assertThat(fitted.users()).isEqualTo(local.matrix().users());
		assertThat(fitted.ratings()).isEqualTo(local.matrix().ratings());
		assertThat(fitted.itemIds()).containsExactly(local.itemIds());
		assertThat(fitted.partitions()).isGreaterThan(1);
		return fitted;
	}

	/** Users per most probable cluster, as the in-process refit records them. */
	private static int[] clusterUsers(MixtureModel model, RatingMatrix matrix) {
		int[] counts = new int[model.clusters()];
		for (int u = 0; u < matrix.users(); u++) {
			double[] p = model.fold(matrix, u).clusterProbabilities();
			int best = 0;
			for (int j = 1; j < p.length; j++) {
				best = (p[j] > p[best]) ? j : best;
			}
			counts[best]++;
		}
		return counts;
	}

	/**
	 * Every entry to 1e-9 relative to the largest of the array: residual sums (biases,
	 * means on residuals) that cancel to near 0 keep the rounding of their terms, and
	 * Spark adds the parts' sums in the order their tasks finish.
	 */
	static void assertCloseToScale(String what, double[] actual, double[] expected) {
		assertThat(actual).as(what).hasSameSizeAs(expected);
		double scale = 0;
		for (double e : expected) {
			scale = Math.max(scale, Math.abs(e));
		}
		for (int k = 0; k < expected.length; k++) {
			assertThat(Math.abs(actual[k] - expected[k])).as("%s[%d]: %s vs %s", what, k, actual[k], expected[k])
				.isLessThanOrEqualTo(1e-9 * scale);
		}
	}

	static void assertClose(String what, double[] actual, double[] expected) {
		assertThat(actual).as(what).hasSameSizeAs(expected);
		for (int k = 0; k < expected.length; k++) {
			double scale = Math.max(Math.abs(expected[k]), Math.abs(actual[k]));
			assertThat(Math.abs(actual[k] - expected[k])).as("%s[%d]: %s vs %s", what, k, actual[k], expected[k])
				.isLessThanOrEqualTo(1e-9 * scale);
		}
	}

}
