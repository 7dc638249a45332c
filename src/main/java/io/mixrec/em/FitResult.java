package io.mixrec.em;

/**
 * The outcome of a fit, with its provenance.
 *
 * @param model the fitted model: the parameters whose E-step produced {@link #objective}
 * @param clusterUsers per cluster j, the training users whose most probable cluster is j
 * under the model, counted from the fit's last E-step
 * @param options the options used
 * @param seed the seed of the winning restart's random stream (the master seed is in
 * options)
 * @param restart index of the winning restart
 * @param iterations E-steps of the winning restart
 * @param totalIterations E-steps over all restarts
 * @param converged whether the relative tolerance was reached before the iteration limit
 * @param objectiveTrace penalised objective after each E-step of the winning restart
 * @param objective final penalised objective
 * @param logLikelihood final log-likelihood without the log-prior
 * @param bic {@code -2 logLikelihood + parameters * ln(users)}: lower is better
 * @param restartObjectives final objective of every restart
 * @param elapsedNanos wall time of the whole fit
 */
public record FitResult(MixtureModel model, int[] clusterUsers, EmOptions options, long seed, int restart,
		int iterations, int totalIterations, boolean converged, double[] objectiveTrace, double objective,
		double logLikelihood, double bic, double[] restartObjectives, long elapsedNanos) {

	/**
	 * @return wall-clock seconds per E-step over all restarts (set-up time included)
	 */
	public double secondsPerIteration() {
		return this.elapsedNanos / 1e9 / Math.max(1, this.totalIterations);
	}

}
