package io.mixrec.recommend;

import java.util.Arrays;
import java.util.List;

import io.mixrec.model.ModelSnapshot;
import io.mixrec.ratings.RatingsProperties;
import io.mixrec.ratings.UserRatingsReader;

import org.springframework.stereotype.Service;

/**
 * Answers every recommendations request from the active model and the user's ratings as
 * they are now: one indexed read of the ratings per request, then
 * {@link RecommendationAnswers}. Without an active model every endpoint answers 503.
 */
@Service
class RecommendationService {

	private final ServingModels models;

	private final UserRatingsReader ratings;

	private final RecommendationAnswers answers;

	RecommendationService(ServingModels models, UserRatingsReader ratings, RatingsProperties scale,
			RecommendProperties properties) {
		this.models = models;
		this.ratings = ratings;
		this.answers = new RecommendationAnswers(scale.min(), scale.max(), properties);
	}

	RecommendationsView recommendations(String userId, RecommendationAnswers.RecommendationQuery query) {
		ServingModel serving = this.models.require();
		return this.answers.recommendations(serving, userId, fold(serving, userId), query);
	}

	PredictionsView predictions(String userId, List<String> itemIds) {
		ServingModel serving = this.models.require();
		return this.answers.predictions(serving, userId, fold(serving, userId), itemIds);
	}

	UserClustersView userClusters(String userId) {
		ServingModel serving = this.models.require();
		return this.answers.userClusters(serving, userId, fold(serving, userId));
	}

	ClustersView clusters() {
		ModelSnapshot snapshot = this.models.require().snapshot();
		return new ClustersView(snapshot.version(), snapshot.profiles());
	}

	ClusterView cluster(int index) {
		ModelSnapshot snapshot = this.models.require().snapshot();
		if (index < 0 || index >= snapshot.profiles().size()) {
			throw new UnknownClusterException(index, snapshot.profiles().size());
		}
		return ClusterView.of(snapshot.version(), snapshot.profiles().get(index));
	}

	/**
	 * Reads the user's ratings (one indexed query) and folds them in; ratings of items
	 * the model does not know (rated after the last refit) are left out. They need no
	 * exclusion from the recommendations either: the model cannot recommend them.
	 */
	private RecommendationAnswers.Folded fold(ServingModel serving, String userId) {
		Ratings ratings = new Ratings();
		this.ratings.keyedRatingsOf(userId, (itemKey, rating) -> {
			int column = serving.column(itemKey);
			if (column >= 0) {
				ratings.add(column, rating);
			}
		});
		return RecommendationAnswers.fold(serving.model(), ratings.columns, ratings.values, ratings.size);
	}

	/** A growable pair of primitive arrays. */
	private static final class Ratings {

		int[] columns = new int[64];

		float[] values = new float[64];

		int size;

		void add(int column, float value) {
			if (this.size == this.columns.length) {
				this.columns = Arrays.copyOf(this.columns, 2 * this.size);
				this.values = Arrays.copyOf(this.values, 2 * this.size);
			}
			this.columns[this.size] = column;
			this.values[this.size] = value;
			this.size++;
		}

	}

}
