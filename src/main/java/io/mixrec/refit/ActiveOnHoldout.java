package io.mixrec.refit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.mixrec.em.FittedModel;
import io.mixrec.em.FoldedUser;
import io.mixrec.em.ItemPrediction;
import io.mixrec.em.Ranker;
import io.mixrec.em.RatingMatrix;
import io.mixrec.em.TopN;
import io.mixrec.em.eval.Recommender;

/**
 * The active model seen through a candidate's item columns, so that both are scored on
 * the candidate's holdout: a user is folded in from their training ratings of items the
 * active model knows; predictions of items it does not know are its prediction for an
 * unknown item (the user's baseline), or the training mean for a model without baseline;
 * its rankings can only contain items it knows.
 */
final class ActiveOnHoldout implements Recommender {

	private final FittedModel model;

	private final Ranker ranker;

	private final RatingMatrix train;

	/** Active model column of each candidate column, -1 where unknown. */
	private final int[] activeColumn;

	/** Candidate column of each active model column, -1 where the candidate lacks it. */
	private final int[] candidateColumn;

	private final double fallback;

	/**
	 * @param model the active model
	 * @param modelItemKeys {@code items.id} of its columns
	 * @param train the candidate's training ratings
	 * @param trainItemKeys {@code items.id} of the candidate's columns
	 */
	ActiveOnHoldout(FittedModel model, long[] modelItemKeys, RatingMatrix train, long[] trainItemKeys) {
		this.model = model;
		this.ranker = model.ranker();
		this.train = train;
		Map<Long, Integer> columnOf = new HashMap<>(modelItemKeys.length * 2);
		for (int c = 0; c < modelItemKeys.length; c++) {
			columnOf.put(modelItemKeys[c], c);
		}
		this.activeColumn = new int[trainItemKeys.length];
		this.candidateColumn = new int[modelItemKeys.length];
		Arrays.fill(this.candidateColumn, -1);
		for (int i = 0; i < trainItemKeys.length; i++) {
			Integer column = columnOf.get(trainItemKeys[i]);
			this.activeColumn[i] = (column != null) ? column : -1;
			if (column != null) {
				this.candidateColumn[column] = i;
			}
		}
		this.fallback = train.mean();
	}

	@Override
	public UserScorer forUser(int user) {
		FoldedUser folded = fold(user);
		return new UserScorer() {

			@Override
			public double predict(int item) {
				int column = ActiveOnHoldout.this.activeColumn[item];
				if (column >= 0) {
					return folded.predict(column);
				}
				return folded.predictUnknownItem().map(ItemPrediction::rating).orElse(ActiveOnHoldout.this.fallback);
			}

			@Override
			public void scores(double[] out) {
				throw new UnsupportedOperationException("ranked through top()");
			}

			@Override
			public int top(int[] excluded, int excludedCount, TopN selector, double[] buffer, int items, int[] out) {
				int[] mapped = new int[excludedCount];
				int count = 0;
				for (int e = 0; e < excludedCount; e++) {
					int column = ActiveOnHoldout.this.activeColumn[excluded[e]];
					if (column >= 0) {
						mapped[count++] = column;
					}
				}
				int d = ActiveOnHoldout.this.model.items();
				int[] index = new int[selector.limit()];
				int n = ActiveOnHoldout.this.ranker.top(folded, mapped, count, selector, new double[d], index,
						new double[selector.limit()]);
				int written = 0;
				for (int k = 0; k < n; k++) {
					int column = ActiveOnHoldout.this.candidateColumn[index[k]];
					if (column >= 0) {
						out[written++] = column;
					}
				}
				return written;
			}

		};
	}

	private FoldedUser fold(int user) {
		if (user >= this.train.users()) {
			return this.model.fold(new int[0], new float[0], 0);
		}
		long[] packed = new long[this.train.count(user)];
		int n = 0;
		for (int p = this.train.start(user); p < this.train.end(user); p++) {
			int column = this.activeColumn[this.train.item(p)];
			if (column >= 0) {
				packed[n++] = ((long) column << 32) | (Float.floatToRawIntBits(this.train.value(p)) & 0xFFFFFFFFL);
			}
		}
		// the fold-in takes items in column order
		Arrays.sort(packed, 0, n);
		int[] items = new int[n];
		float[] values = new float[n];
		for (int k = 0; k < n; k++) {
			items[k] = (int) (packed[k] >>> 32);
			values[k] = Float.intBitsToFloat((int) packed[k]);
		}
		return this.model.fold(items, values, n);
	}

}
