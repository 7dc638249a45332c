package io.mixrec.recommend;

import java.util.List;

import io.mixrec.model.ModelSnapshot;
import io.mixrec.ratings.RatingsProperties;
import io.mixrec.ratings.UserRatingsReader;

import org.springframework.stereotype.Service;

/**
 * Answers every recommendations request from the active model and the user's ratings as
 * they are now: one indexed read of the ratings per request, then {@link Recommender}.
 * Without an active model every endpoint answers 503.
 */
@Service
class RecommendationService {

	private final ServingModels models;

	private final UserRatingsReader ratings;

	private final Recommender recommender;

	RecommendationService(ServingModels models, UserRatingsReader ratings, RatingsProperties scale,
			RecommendProperties properties) {
		this.models = models;
		this.ratings = ratings;
		this.recommender = new Recommender(scale.min(), scale.max(), properties);
	}

	RecommendationsView recommendations(String userId, Recommender.RecommendationQuery query) {
		ServingModel serving = this.models.require();
		return this.recommender.recommendations(serving, userId, this.ratings.ratingsOf(userId), query);
	}

	PredictionsView predictions(String userId, List<String> itemIds) {
		ServingModel serving = this.models.require();
		return this.recommender.predictions(serving, userId, this.ratings.ratingsOf(userId), itemIds);
	}

	UserClustersView userClusters(String userId) {
		ServingModel serving = this.models.require();
		return this.recommender.userClusters(serving, userId, this.ratings.ratingsOf(userId));
	}

	ClustersView clusters() {
		ModelSnapshot snapshot = this.models.require().snapshot();
		return new ClustersView(snapshot.version(), snapshot.profiles());
	}

	ClusterView cluster(int index) {
		ModelSnapshot snapshot = this.models.require().snapshot();
		if (index < 0 || index >= snapshot.profiles().size()) {
			throw RecommendProblems.unknownCluster(index, snapshot.profiles().size());
		}
		return ClusterView.of(snapshot.version(), snapshot.profiles().get(index));
	}

}
