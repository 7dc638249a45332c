package io.mixrec.recommend;

import java.util.Arrays;

import io.mixrec.model.ActiveModels;
import io.mixrec.model.ModelPreparer;
import io.mixrec.model.ModelSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link ServingModel} of the active snapshot. The model watcher has it prepared (one
 * read of the item keys, sorting each cluster's items for the ranker) before it swaps a
 * new snapshot in ({@link ModelPreparer}), so no request waits for it; should that have
 * failed, the first request after the swap prepares it and requests racing with it wait.
 */
@Component
class ServingModels implements ModelPreparer {

	private final ActiveModels active;

	private final JdbcClient jdbc;

	private final RecommendProperties properties;

	private volatile @Nullable ServingModel prepared;

	/** Prepared for the snapshot the watcher is about to swap in. */
	private volatile @Nullable ServingModel upcoming;

	ServingModels(ActiveModels active, JdbcClient jdbc, RecommendProperties properties) {
		this.active = active;
		this.jdbc = jdbc;
		this.properties = properties;
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
				serving = ServingModel.of(snapshot, itemKeys(snapshot));
				this.prepared = serving;
			}
			return serving;
		}
	}

	@Override
	public void prepare(ModelSnapshot snapshot) {
		this.upcoming = ServingModel.of(snapshot, itemKeys(snapshot));
	}

	/**
	 * @return what {@link #prepare} made last, if anything
	 */
	@Nullable ServingModel upcoming() {
		return this.upcoming;
	}

	/** Item keys by model column; -1 for a column whose item no longer exists. */
	private long[] itemKeys(ModelSnapshot snapshot) {
		long[] keys = new long[snapshot.itemIds().length];
		Arrays.fill(keys, -1);
		this.jdbc.sql("select id, external_id from items").query((rs) -> {
			int column = snapshot.column(rs.getString(2));
			if (column >= 0) {
				keys[column] = rs.getLong(1);
			}
		});
		return keys;
	}

}
