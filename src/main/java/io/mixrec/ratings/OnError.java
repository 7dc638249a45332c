package io.mixrec.ratings;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a CSV import does with bad lines ({@code ?onError=}).
 */
enum OnError {

	/** Import nothing if any line is bad (the default). */
	REJECT,

	/** Import the valid lines and report the bad ones. */
	SKIP;

	/** The values {@link #of} takes, ignoring case; absent or empty is the default. */
	static final String PATTERN = "(?i)(reject|skip)?";

	static OnError of(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return REJECT;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "reject" -> REJECT;
			case "skip" -> SKIP;
			default -> throw new IllegalArgumentException("onError must match " + PATTERN + ", not '" + value + "'");
		};
	}

}
