package io.mixrec.ratings;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a write did to the stored rating of its (user, item): the {@code outcome} of a
 * rating in responses and the tag of the write metrics. The one type of this name, unlike
 * the outcomes of EM runs and refits.
 */
enum WriteEffect {

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
