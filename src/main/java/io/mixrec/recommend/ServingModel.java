package io.mixrec.recommend;

import io.mixrec.em.ItemRanker;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RankingScore;
import io.mixrec.model.ModelSnapshot;

/**
 * The active snapshot with what serving derives from it once, not per request: the
 * ranker's cluster-major table.
 *
 * @param snapshot the active model
 * @param ranker ranks all items by the model's default score
 * @param centred whether the model has a baseline (global mean and biases), which is then
 * also its prediction for items it does not know
 */
record ServingModel(ModelSnapshot snapshot, ItemRanker ranker, boolean centred) {

	static ServingModel of(ModelSnapshot snapshot) {
		MixtureModel model = snapshot.model();
		// an uncentred (classic) model has the all-zero baseline
		return new ServingModel(snapshot, new ItemRanker(model, model.defaultRankingScore()),
				model.baseline().globalMean() != 0);
	}

	/**
	 * @return the ranking score's name as the API shows it
	 */
	String rankingName() {
		return (this.ranker.score() == RankingScore.RATE_AND_LIKE) ? "rate-and-like"
				: this.ranker.score().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
