package io.mixrec.ratings;

import java.util.Locale;

/**
 * Which way a write came in; a metric tag.
 */
enum Source {

	/** {@code PUT} or {@code DELETE /users/{userId}/ratings/{itemId}}. */
	SINGLE,

	/** {@code POST /ratings}. */
	BATCH,

	/** {@code POST /ratings/import}. */
	IMPORT,

	/** {@code DELETE /users/{userId}}. */
	USER_DELETION;

	String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
