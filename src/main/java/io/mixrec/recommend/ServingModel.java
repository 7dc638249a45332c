package io.mixrec.recommend;

import io.mixrec.em.FittedModel;
import io.mixrec.em.Kernels;
import io.mixrec.em.Ranker;
import io.mixrec.model.ModelSnapshot;

/**
 * The active snapshot with what serving derives from it once, not per request: the
 * ranker's sorted lists, and the model column of every item key, so that a user's ratings
 * are read as (item key, rating) without a join to the items.
 *
 * @param snapshot the active model
 * @param model the snapshot's model, folding users in with the service's kernels
 * @param ranker ranks all items by the model's default score
 * @param columns the model column of each item key
 */
record ServingModel(ModelSnapshot snapshot, FittedModel model, Ranker ranker, ItemColumnIndex columns) {

	/**
	 * @param snapshot the active model
	 * @param keys item key of each model column ({@code items.id}), as far as known;
	 * negative for the others
	 * @param kernels the service's kernels (SIMD once warm)
	 * @return the serving model
	 */
	static ServingModel of(ModelSnapshot snapshot, long[] keys, Kernels kernels) {
		FittedModel model = snapshot.model().using(kernels);
		return new ServingModel(snapshot, model, model.ranker(), ItemColumnIndex.of(keys));
	}

	/**
	 * @param itemKey an item key ({@code items.id})
	 * @return its model column, or -1 when the model does not know the item
	 */
	int column(long itemKey) {
		return this.columns.column(itemKey);
	}

	/**
	 * @return the ranking score's name as the API shows it
	 */
	String rankingName() {
		return this.ranker.scoreName();
	}

}
