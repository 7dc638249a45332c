package io.mixrec.model;

/**
 * Derives what serving needs from a model before the instance serves it. The
 * {@link ActiveModelWatcher} hands every newly loaded snapshot to each preparer before
 * swapping it in, so that the first requests on the new model find it ready instead of
 * waiting for one of them to prepare it; until the swap, requests keep the previous
 * model.
 */
public interface ModelPreparer {

	/**
	 * Prepares for {@code snapshot}, which becomes the active model right after. A
	 * failure is logged and the swap goes ahead; the preparer should then prepare lazily.
	 * @param snapshot the model about to be served
	 */
	void prepare(ModelSnapshot snapshot);

}
