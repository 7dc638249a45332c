package io.mixrec.ratings;

import java.util.List;
import java.util.Locale;

import io.mixrec.web.InvalidFieldsException;
import io.mixrec.web.InvalidField;

/**
 * What a CSV import does with bad lines ({@code ?onError=}).
 */
enum OnError {

	/** Import nothing if any line is bad (the default). */
	REJECT,

	/** Import the valid lines and report the bad ones. */
	SKIP;

	static OnError of(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "reject" -> REJECT;
			case "skip" -> SKIP;
			default -> throw new InvalidFieldsException("onError", "must be reject or skip");
		};
	}

}
