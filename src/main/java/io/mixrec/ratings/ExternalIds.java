package io.mixrec.ratings;

import org.jspecify.annotations.Nullable;

/**
 * The rule every external user and item id follows, public so that features which take
 * ids in paths (recommendations) answer bad ones as ingestion does, before any query.
 */
public final class ExternalIds {

	/** The longest id, in characters (code points), as the schema allows. */
	public static final int MAX_LENGTH = 128;

	private ExternalIds() {
	}

	/**
	 * Checks an external user or item id.
	 * @param id the id
	 * @return the problem, phrased to follow the field name, or null if the id is valid
	 */
	public static @Nullable String problem(String id) {
		if (id.isEmpty()) {
			return "must not be empty";
		}
		int length = 0;
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= id.length() || !Character.isLowSurrogate(id.charAt(i + 1))) {
					return "must be valid Unicode (unpaired surrogate)";
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return "must be valid Unicode (unpaired surrogate)";
			}
			else if (Character.isISOControl(c)) {
				return "must not contain control characters";
			}
			length++;
		}
		return (length > MAX_LENGTH) ? "must be at most " + MAX_LENGTH + " characters" : null;
	}

}
