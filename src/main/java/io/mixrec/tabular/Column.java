package io.mixrec.tabular;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The columns that mean something to mixrec and every name each goes by, compared
 * case-insensitively with surrounding spaces ignored. The one alias table of the ratings
 * import, the catalogue import and the command line, so that a file that one of them
 * reads the others read too.
 */
public enum Column {

	/** The user's id. */
	USER("userId", "user_id", "user"),

	/** The item's id; the catalogue import also takes {@code id}. */
	ITEM("itemId", "item_id", "movieId", "movie_id", "item"),

	/** The rating. */
	RATING("rating"),

	/** When the rating was given: epoch seconds or ISO-8601 with offset. */
	TIMESTAMP("timestamp", "ratedAt", "rated_at"),

	/** An item's display title. */
	TITLE("title");

	private final List<String> names;

	Column(String... names) {
		this.names = List.of(names);
	}

	/**
	 * The names this column goes by, the preferred one first.
	 * @return the names as documented
	 */
	public List<String> names() {
		return this.names;
	}

	/**
	 * Whether a name is one of this column's.
	 * @param name a column name as a file or a parameter spells it
	 * @return true if it names this column
	 */
	public boolean isNamed(String name) {
		String normalized = normalize(name);
		for (String alias : this.names) {
			if (alias.toLowerCase(Locale.ROOT).equals(normalized)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The column a name stands for.
	 * @param name a column name
	 * @return the column, or null if the name is none of the known ones
	 */
	public static @Nullable Column named(String name) {
		for (Column column : values()) {
			if (column.isNamed(name)) {
				return column;
			}
		}
		return null;
	}

	/**
	 * The names, for messages.
	 * @return e.g. {@code userId, user_id or user}
	 */
	public String describe() {
		if (this.names.size() == 1) {
			return this.names.get(0);
		}
		return String.join(", ", this.names.subList(0, this.names.size() - 1)) + " or "
				+ this.names.get(this.names.size() - 1);
	}

	static String normalize(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

}
