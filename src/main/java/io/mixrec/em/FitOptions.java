package io.mixrec.em;

/**
 * What the options of every fit the engine runs have in common, so that a caller that
 * runs either kind of fit can read them without knowing which it is.
 */
public interface FitOptions {

	/**
	 * @return the master seed every random stream of the fit is split from
	 */
	long seed();

	/**
	 * @return worker threads of the fit; results do not depend on it
	 */
	int threads();

}
