package io.mixrec.em;

import java.util.List;

/**
 * The outcome of an ensemble fit, with its provenance.
 *
 * @param model the fitted model
 * @param options the options used
 * @param clusterUsers per cluster of the first user mixture, the training users whose
 * most probable cluster it is
 * @param parts how every restart of every part went, A's restarts first, then B's, then
 * C's
 * @param elapsedNanos wall time of the whole fit
 */
public record EnsembleFit(EnsembleModel model, EnsembleOptions options, int[] clusterUsers,
		List<EnsembleFitter.PartFit> parts, long elapsedNanos) {

	/**
	 * @return E-steps over every restart of every part
	 */
	public int totalIterations() {
		int total = 0;
		for (EnsembleFitter.PartFit part : this.parts) {
			total += part.iterations();
		}
		return total;
	}

	/**
	 * @return whether every restart reached its tolerance
	 */
	public boolean converged() {
		return this.parts.stream().allMatch(EnsembleFitter.PartFit::converged);
	}

}
