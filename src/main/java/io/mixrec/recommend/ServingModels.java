package io.mixrec.recommend;

import io.mixrec.model.ActiveModels;
import io.mixrec.model.ModelSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@link ServingModel} of the active snapshot, prepared on the first request after a
 * swap and then shared. Two requests racing at a swap may both prepare it; either result
 * is the same.
 */
@Component
class ServingModels {

	private final ActiveModels active;

	private final RecommendProperties properties;

	private volatile @Nullable ServingModel prepared;

	ServingModels(ActiveModels active, RecommendProperties properties) {
		this.active = active;
		this.properties = properties;
	}

	/**
	 * @return the model to serve this request with
	 * @throws io.mixrec.web.ApiException 503 when no model is active yet
	 */
	ServingModel require() {
		ModelSnapshot snapshot = this.active.current()
			.orElseThrow(() -> RecommendProblems.noActiveModel(this.properties.retryAfter()));
		ServingModel serving = this.prepared;
		if (serving == null || serving.snapshot() != snapshot) {
			serving = ServingModel.of(snapshot);
			this.prepared = serving;
		}
		return serving;
	}

}
