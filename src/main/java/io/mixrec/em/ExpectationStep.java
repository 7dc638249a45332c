package io.mixrec.em;

import java.util.SplittableRandom;

/**
 * What one restart of EM ({@link EmRun}) asks of the rows: the E-step's statistics under
 * given parameters, or those of random posteriors. {@link BlockedPass} computes them in
 * this JVM, {@link DistributedEm} wherever its parts run.
 */
interface ExpectationStep {

	/**
	 * @param parameters the current parameters
	 * @return the summed statistics of the E-step
	 */
	SufficientStatistics expectation(Parameters parameters);

	/**
	 * @param random the restart's stream
	 * @return the summed statistics of posteriors drawn from a flat Dirichlet
	 */
	SufficientStatistics randomPosteriors(SplittableRandom random);

}
