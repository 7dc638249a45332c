package io.mixrec.recommend;

import io.mixrec.em.Kernels;
import io.mixrec.model.ActiveModels;
import io.mixrec.model.ModelPreparer;
import io.mixrec.model.ModelSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@link ServingModel} of the active snapshot. The model watcher has it prepared
 * (sorting each cluster's items for the ranker) before it swaps a new snapshot in
 * ({@link ModelPreparer}), so no request waits for it; should that have failed, the first
 * request after the swap prepares it and requests racing with it wait.
 */
@Component
class ServingModels implements ModelPreparer {

	private final ActiveModels active;

	private final RecommendProperties properties;

	private final Kernels kernels;

	private volatile @Nullable ServingModel prepared;

	/** Prepared for the snapshot the watcher is about to swap in. */
	private volatile @Nullable ServingModel upcoming;

	ServingModels(ActiveModels active, RecommendProperties properties, Kernels kernels) {
		this.active = active;
		this.properties = properties;
		this.kernels = kernels;
	}

	/**
	 * @return the model to serve this request with
	 * @throws NoActiveModelException when no model is active yet
	 */
	ServingModel require() {
		ModelSnapshot snapshot = this.active.current()
			.orElseThrow(() -> new NoActiveModelException(this.properties.retryAfter()));
		ServingModel serving = this.prepared;
		if (serving != null && serving.snapshot() == snapshot) {
			return serving;
		}
		ServingModel next = this.upcoming;
		if (next != null && next.snapshot() == snapshot) {
			this.prepared = next;
			return next;
		}
		synchronized (this) {
			serving = this.prepared;
			if (serving == null || serving.snapshot() != snapshot) {
				serving = ServingModel.of(snapshot, snapshot.itemKeys(), this.kernels);
				this.prepared = serving;
			}
			return serving;
		}
	}

	@Override
	public void prepare(ModelSnapshot snapshot) {
		this.upcoming = ServingModel.of(snapshot, snapshot.itemKeys(), this.kernels);
	}

	/**
	 * @return what {@link #prepare} made last, if anything
	 */
	@Nullable ServingModel upcoming() {
		return this.upcoming;
	}

}
