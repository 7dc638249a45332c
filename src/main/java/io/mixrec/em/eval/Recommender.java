package io.mixrec.em.eval;

import io.mixrec.em.TopN;

/**
 * Anything the {@link Evaluator} can measure: predicts ratings and scores every item for
 * a user of the training matrix.
 *
 * <p>
 * Work that depends only on the user (a fold-in, a bias) belongs in {@link #forUser}: the
 * evaluator opens one {@link UserScorer} per user and pass and asks all of that user's
 * questions through it, so such work happens once per user without a cache that outlives
 * the pass. Implementations must be safe to call from several threads; a scorer is used
 * by one thread.
 */
public interface Recommender {

	/**
	 * Opens the view of one user.
	 * @param user a row of the training matrix, or an index at or beyond its last row for
	 * a user with no training ratings (a cold start)
	 * @return the user's scorer
	 */
	UserScorer forUser(int user);

	/**
	 * @return false when the scores carry no ranking information (all equal), so that
	 * top-N metrics would only measure item index order and are not reported
	 */
	default boolean ranksItems() {
		return true;
	}

	/**
	 * Predicts one rating; opening a scorer per call, so only for occasional use.
	 * @param user training user
	 * @param item item index
	 * @return the predicted rating, unclamped
	 */
	default double predict(int user, int item) {
		return forUser(user).predict(item);
	}

	/**
	 * Scores all items for a user; opening a scorer per call, so only for occasional use.
	 * @param user training user
	 * @param out buffer of at least as many entries as there are items
	 */
	default void scores(int user, double[] out) {
		forUser(user).scores(out);
	}

	/** The questions the evaluator asks about one user. */
	interface UserScorer {

		/**
		 * @param item item index
		 * @return the predicted rating, unclamped
		 */
		double predict(int item);

		/**
		 * Writes a ranking score for every item, higher is better; the caller excludes
		 * the training items afterwards.
		 * @param out reusable buffer of at least as many entries as there are items
		 */
		void scores(double[] out);

		/**
		 * Selects the best items outside the excluded ones, as {@link #scores} followed
		 * by {@link TopN#select} would; a scorer with a faster way to the same answer
		 * overrides it.
		 * @param excluded item indices never selected
		 * @param excludedCount entries of {@code excluded} to use
		 * @param selector the selector; its limit is N
		 * @param buffer reusable buffer of at least as many entries as there are items
		 * @param items the number of items
		 * @param out receives the selected items, best first
		 * @return how many were selected
		 */
		default int top(int[] excluded, int excludedCount, TopN selector, double[] buffer, int items, int[] out) {
			scores(buffer);
			TopN.exclude(buffer, excluded, excludedCount);
			return selector.select(buffer, items, out);
		}

	}

}
