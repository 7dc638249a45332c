package io.mixrec.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a stored version into a {@link ModelSnapshot}, with item ids and titles. */
@Component
public class ModelSnapshotLoader {

	private final ModelStore store;

	private final JdbcClient jdbc;

	public ModelSnapshotLoader(ModelStore store, JdbcClient jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	/**
	 * @param version a version with stored parameters
	 * @return its snapshot, or empty when it has no parameters
	 */
	public Optional<ModelSnapshot> load(long version) {
		Optional<StoredModel> stored = this.store.load(version);
		Optional<ModelVersion> row = this.store.find(version);
		if (stored.isEmpty() || row.isEmpty()) {
			return Optional.empty();
		}
		long[] ids = stored.get().itemIds();
		Map<Long, Integer> columnOfId = new HashMap<>(ids.length * 2);
		for (int c = 0; c < ids.length; c++) {
			columnOfId.put(ids[c], c);
		}
		String[] external = new String[ids.length];
		String[] titles = new String[ids.length];
		// one pass over items: cheaper than an IN list of 50K ids, and items is small
		this.jdbc.sql("select id, external_id, title from items").query((rs) -> {
			Integer column = columnOfId.get(rs.getLong(1));
			if (column != null) {
				external[column] = rs.getString(2);
				titles[column] = rs.getString(3);
			}
		});
		Map<String, Integer> columnOf = new HashMap<>(ids.length * 2);
		for (int c = 0; c < ids.length; c++) {
			if (external[c] == null) {
				throw new IllegalStateException(
						"model " + version + " refers to item id " + ids[c] + " that no longer exists");
			}
			columnOf.put(external[c], c);
		}
		ModelVersion v = row.get();
		Instant activatedAt = (v.activatedAt() != null) ? v.activatedAt() : v.createdAt();
		return Optional.of(new ModelSnapshot(version, stored.get().model(), external, titles, Map.copyOf(columnOf),
				stored.get().clusterUsers(), activatedAt, v.outcome().holdoutRmse(), v.outcome().holdoutNdcg(),
				v.outcome().objective(), v.outcome().bic(), ClusterProfiles.of(stored.get().model(), external, titles,
						stored.get().clusterUsers(), ModelSnapshot.PROFILE_ITEMS)));
	}

}
