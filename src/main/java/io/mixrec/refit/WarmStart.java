package io.mixrec.refit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.mixrec.em.Baseline;
import io.mixrec.em.EmOptions;
import io.mixrec.em.MixtureModel;
import io.mixrec.model.ModelStore;
import io.mixrec.model.StoredModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Starting parameters for a fit from a stored version, with items matched by id: known
 * items keep their cluster means and presence, new items start at the prior (0 on
 * residuals, the mean rating otherwise) with the smallest presence of their cluster, and
 * each cluster's presence is renormalised over the current items.
 */
@Component
class WarmStart {

	private static final Logger logger = LoggerFactory.getLogger(WarmStart.class);

	private final ModelStore parameters;

	WarmStart(ModelStore parameters) {
		this.parameters = parameters;
	}

	/**
	 * @param version the version to start from
	 * @param itemKeys {@code items.id} of each column of the data to fit
	 * @param options the fit's options
	 * @return initial parameters, or empty when the version has none or another K
	 */
	Optional<MixtureModel> initial(long version, long[] itemKeys, EmOptions options) {
		Optional<StoredModel> stored = this.parameters.load(version);
		if (stored.isEmpty() || !(stored.get().model() instanceof MixtureModel old)
				|| old.clusters() != options.clusters()) {
			logger.info("No warm start from version {}: {}", version, stored.isEmpty() ? "no parameters"
					: (stored.get().model() instanceof MixtureModel)
							? "it has " + stored.get().model().clusters() + " clusters, not " + options.clusters()
							: "it is not a single mixture");
			return Optional.empty();
		}
		Map<Long, Integer> oldColumn = new HashMap<>(stored.get().itemKeys().length * 2);
		for (int c = 0; c < stored.get().itemKeys().length; c++) {
			oldColumn.put(stored.get().itemKeys()[c], c);
		}
		int k = options.clusters();
		int d = itemKeys.length;
		double fallbackMean = options.centering() ? 0 : old.baseline().globalMean();
		boolean presence = options.presence() && old.hasPresence();
		double[] means = new double[d * k];
		double[] pi = new double[presence ? d * k : 0];
		double[] smallest = new double[k];
		java.util.Arrays.fill(smallest, Double.POSITIVE_INFINITY);
		for (int c = 0; c < d; c++) {
			Integer from = oldColumn.get(itemKeys[c]);
			for (int j = 0; j < k; j++) {
				means[c * k + j] = (from != null) ? old.mean(from, j) : fallbackMean;
				if (presence && from != null) {
					pi[c * k + j] = old.presence(from, j);
					smallest[j] = Math.min(smallest[j], pi[c * k + j]);
				}
			}
		}
		if (presence) {
			normalisePresence(pi, itemKeys, oldColumn, smallest, k);
		}
		return Optional.of(MixtureModel.of(Baseline.none(d), old.weights(), old.variances(), means, pi,
				options.presenceWeight(), options.likeThreshold()));
	}

	private static void normalisePresence(double[] pi, long[] itemKeys, Map<Long, Integer> oldColumn, double[] smallest,
			int k) {
		double[] total = new double[k];
		for (int c = 0; c < itemKeys.length; c++) {
			boolean known = oldColumn.containsKey(itemKeys[c]);
			for (int j = 0; j < k; j++) {
				if (!known) {
					pi[c * k + j] = Double.isFinite(smallest[j]) ? smallest[j] : 1.0 / itemKeys.length;
				}
				total[j] += pi[c * k + j];
			}
		}
		for (int c = 0; c < itemKeys.length; c++) {
			for (int j = 0; j < k; j++) {
				pi[c * k + j] /= total[j];
			}
		}
	}

}
