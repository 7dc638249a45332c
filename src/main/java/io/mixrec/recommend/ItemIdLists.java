package io.mixrec.recommend;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Lists of item ids in query strings: a client may separate them by commas, repeat the
 * parameter, or both; empty entries are ignored.
 */
final class ItemIdLists {

	private ItemIdLists() {
	}

	static List<String> split(@Nullable List<String> values) {
		List<String> ids = new ArrayList<>();
		if (values != null) {
			for (String value : values) {
				for (String id : value.split(",", -1)) {
					if (!id.isEmpty()) {
						ids.add(id);
					}
				}
			}
		}
		return List.copyOf(ids);
	}

}
