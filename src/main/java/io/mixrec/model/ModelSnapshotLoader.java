package io.mixrec.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.mixrec.ratings.ItemCatalogue;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads a stored version into a {@link ModelSnapshot}, with the item keys, external ids
 * and titles of its columns (the latter two from the items' owner,
 * {@link ItemCatalogue}).
 */
@Component
public class ModelSnapshotLoader {

	private final ModelStore store;

	private final ItemCatalogue items;

	public ModelSnapshotLoader(ModelStore store, ItemCatalogue items) {
		this.store = store;
		this.items = items;
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
		long[] keys = stored.get().itemKeys();
		ItemCatalogue.ItemLabels labels = this.items.labels(keys);
		String[] external = new String[keys.length];
		Map<String, Integer> columnOf = new HashMap<>(keys.length * 2);
		for (int c = 0; c < keys.length; c++) {
			String id = labels.externalIds()[c];
			if (id == null) {
				throw new IllegalStateException(
						"model " + version + " refers to item id " + keys[c] + " that no longer exists");
			}
			external[c] = id;
			columnOf.put(id, c);
		}
		@Nullable String[] titles = labels.titles();
		ModelVersion v = row.get();
		Instant activatedAt = (v.activatedAt() != null) ? v.activatedAt() : v.createdAt();
		return Optional
			.of(new ModelSnapshot(version, stored.get().model(), keys, external, titles, Map.copyOf(columnOf),
					stored.get().clusterUsers(), activatedAt, v.outcome().holdoutRmse(), v.outcome().holdoutNdcg(),
					v.outcome().objective(), v.outcome().bic(), ClusterProfiles.of(stored.get().model(), external,
							titles, stored.get().clusterUsers(), ModelSnapshot.PROFILE_ITEMS)));
	}

}
