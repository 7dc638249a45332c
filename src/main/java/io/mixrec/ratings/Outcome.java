package io.mixrec.ratings;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a write did to the stored rating of its (user, item).
 */
enum Outcome {

	/** There was no rating; now there is. */
	INSERTED,

	/** The write was at least as recent as the stored rating and changed it. */
	UPDATED,

	/**
	 * The stored rating stays as it was: the write was older (last write wins by
	 * {@code ratedAt}), identical, or superseded by a later one in the same batch or
	 * file.
	 */
	UNCHANGED,

	/** The rating was removed. */
	DELETED;

	@JsonValue
	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
