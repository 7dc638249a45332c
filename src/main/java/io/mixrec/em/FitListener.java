package io.mixrec.em;

/** Receives the progress of a fit after every E-step. Called on the fitting thread. */
@FunctionalInterface
public interface FitListener {

	/** A listener that ignores progress. */
	FitListener NONE = (restart, iteration, objective, elapsedNanos) -> {
	};

	/**
	 * @param restart 0-based restart index
	 * @param iteration 1-based E-step count within the restart
	 * @param objective penalised objective of the parameters of that E-step
	 * @param elapsedNanos time since the fit started
	 */
	void onIteration(int restart, int iteration, double objective, long elapsedNanos);

}
