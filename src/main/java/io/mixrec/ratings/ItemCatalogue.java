package io.mixrec.ratings;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The items as other features need them: the external id and title of each item key
 * ({@code items.id}), for a model to name its columns.
 */
@Component
public class ItemCatalogue {

	private final JdbcClient jdbc;

	ItemCatalogue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param keys item keys ({@code items.id}), e.g. of the columns of a model
	 * @return the external id and title of each key, in the order of {@code keys}
	 */
	public ItemLabels labels(long[] keys) {
		Map<Long, Integer> positionOf = new HashMap<>(keys.length * 2);
		for (int p = 0; p < keys.length; p++) {
			positionOf.put(keys[p], p);
		}
		@Nullable String[] externalIds = new String[keys.length];
		@Nullable String[] titles = new String[keys.length];
		// one pass over items: cheaper than an IN list of 50K ids, and items is small
		this.jdbc.sql("select id, external_id, title from items").query((rs) -> {
			Integer position = positionOf.get(rs.getLong(1));
			if (position != null) {
				externalIds[position] = rs.getString(2);
				titles[position] = rs.getString(3);
			}
		});
		return new ItemLabels(externalIds, titles);
	}

	/**
	 * What {@link #labels} found.
	 *
	 * @param externalIds the external id of each key; null where no item has that key (it
	 * was deleted)
	 * @param titles the title of each key, null where unknown
	 */
	public record ItemLabels(@Nullable String[] externalIds, @Nullable String[] titles) {

	}

}
