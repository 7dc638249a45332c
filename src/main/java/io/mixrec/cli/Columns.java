package io.mixrec.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the user, item and rating are on a line. A header is recognised by a user column
 * name and its columns are matched by name, case-insensitively: user from
 * {@link #USER_NAMES}, item from {@link #ITEM_NAMES}, rating {@code rating}; other
 * columns (timestamp, title, ...) are ignored. Without a header the order is user, item,
 * rating[, timestamp], as in MovieLens {@code u.data}.
 *
 * @param header whether the first line is a header
 * @param user index of the user field
 * @param item index of the item field
 * @param rating index of the rating field
 */
record Columns(boolean header, int user, int item, int rating) {

	static final List<String> USER_NAMES = List.of("userid", "user_id", "user");

	static final List<String> ITEM_NAMES = List.of("itemid", "item_id", "movieid", "item");

	static final List<String> RATING_NAMES = List.of("rating");

	static final Columns POSITIONAL = new Columns(false, 0, 1, 2);

	/**
	 * @param file the file, for messages
	 * @param first the fields of the first line
	 * @return the layout
	 */
	static Columns detect(Path file, String[] first) {
		int user = find(first, USER_NAMES);
		if (user < 0) {
			return POSITIONAL;
		}
		int item = find(first, ITEM_NAMES);
		int rating = find(first, RATING_NAMES);
		if (item < 0 || rating < 0) {
			throw new InputException(file, 1, "header has no " + ((item < 0) ? "item" : "rating")
					+ " column (expected one of " + String.join(", ", (item < 0) ? ITEM_NAMES : RATING_NAMES) + ")");
		}
		return new Columns(true, user, item, rating);
	}

	/** The index of the first field named like the earliest name of the list, or -1. */
	private static int find(String[] fields, List<String> names) {
		for (String name : names) {
			for (int k = 0; k < fields.length; k++) {
				if (fields[k].trim().toLowerCase(Locale.ROOT).equals(name)) {
					return k;
				}
			}
		}
		return -1;
	}

	/**
	 * @return the highest field index a line must have
	 */
	int last() {
		return Math.max(this.user, Math.max(this.item, this.rating));
	}

}
