package io.mixrec.em.eval;

/**
 * The scorer of a baseline that answers every user alike: one prediction for every item,
 * and one list of item scores. Immutable, so one instance serves every user and thread.
 *
 * @param prediction the rating predicted for any item
 * @param itemScores the ranking score of every item
 */
record UniformScorer(double prediction, double[] itemScores) implements Recommender.UserScorer {

	@Override
	public double predict(int item) {
		return this.prediction;
	}

	@Override
	public void scores(double[] out) {
		System.arraycopy(this.itemScores, 0, out, 0, this.itemScores.length);
	}

}
