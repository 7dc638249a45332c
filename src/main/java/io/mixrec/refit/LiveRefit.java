package io.mixrec.refit;

/**
 * The state of a run as the instance that executes it knows it this moment, ahead of what
 * its row says (the row is written every {@code mixrec.refit.progress-interval}).
 *
 * @param version the run
 * @param phase its phase
 * @param fitting the fit the trace follows: the part of an ensemble ({@code users},
 * {@code items}, {@code aspects}) or a candidate K, and the restart
 * @param iterations EM iterations of the current fit so far
 * @param objectiveTrace objective after each of them
 * @param initialisation {@code cold} or {@code warm}
 * @param elapsedSeconds since the run started on this instance
 */
public record LiveRefit(long version, String phase, String fitting, int iterations, double[] objectiveTrace,
		String initialisation, double elapsedSeconds) {

}
