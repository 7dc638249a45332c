package io.mixrec.em;

/**
 * Selects a user's N best items of a {@link FittedModel}, by the model's ranking score.
 * Built once per model and shared between threads; each call brings its own buffers.
 */
public interface Ranker {

	/**
	 * @return the score's name as the API shows it, e.g. {@code rate-and-like}
	 */
	String scoreName();

	/**
	 * Selects the user's best items.
	 * @param user a user folded into the ranker's model
	 * @param excluded item indices never selected (e.g. the ones the user rated)
	 * @param excludedCount number of entries of {@code excluded} to use
	 * @param top the selector; its limit is N
	 * @param work buffer of at least {@link FittedModel#items()} entries, all 0; left all
	 * 0 on return, so that it can be reused across calls without clearing
	 * @param outIndex receives the selected items, best first
	 * @param outScore receives their scores
	 * @return how many items were selected: min(N, items not excluded)
	 */
	int top(FoldedUser user, int[] excluded, int excludedCount, TopN top, double[] work, int[] outIndex,
			double[] outScore);

}
