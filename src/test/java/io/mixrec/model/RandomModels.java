package io.mixrec.model;

import java.util.SplittableRandom;

import io.mixrec.em.Baseline;
import io.mixrec.em.MixtureModel;

/** Random models of a given size, for storage tests and benchmarks. */
public final class RandomModels {

	private RandomModels() {
	}

	/**
	 * @param items D
	 * @param clusters K
	 * @return a centred model with presence probabilities
	 */
	public static MixtureModel withPresence(int items, int clusters) {
		return random(items, clusters, true);
	}

	/**
	 * @param items D
	 * @param clusters K
	 * @return an uncentred model without presence (classic)
	 */
	public static MixtureModel plain(int items, int clusters) {
		return random(items, clusters, false);
	}

	private static MixtureModel random(int items, int k, boolean presence) {
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
