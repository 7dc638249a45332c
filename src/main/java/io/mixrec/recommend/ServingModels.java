package io.mixrec.recommend;

import java.util.Arrays;

import io.mixrec.model.ActiveModels;
import io.mixrec.model.ModelSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link ServingModel} of the active snapshot, prepared on the first request after a
 * swap (one read of the item keys, O(K x items) for the ranker's table) and then shared.
 * Requests racing at a swap wait for one of them to prepare it.
 */
@Component
class ServingModels {

	private final ActiveModels active;

	private final JdbcClient jdbc;

	private final RecommendProperties properties;

	private volatile @Nullable ServingModel prepared;

	ServingModels(ActiveModels active, JdbcClient jdbc, RecommendProperties properties) {
		this.active = active;
		this.jdbc = jdbc;
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
		if (serving != null && serving.snapshot() == snapshot) {
			return serving;
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
