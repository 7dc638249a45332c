package io.mixrec.tabular;

import java.util.List;

/**
 * Where the fields of a ratings file are.
 *
 * @param delimiter the byte between fields
 * @param header whether the first line is a header (and no rating)
 * @param user the user column's index
 * @param item the item column's index
 * @param rating the rating column's index
 * @param timestamp the time column's index, or -1 if there is none
 * @param optionalTimestamp whether a line may end before the time column (files without
 * header, where lines of three fields and of four mix)
 * @param names the column names (from the header, the parameter, or the roles), for
 * messages
 */
public record RatingLayout(byte delimiter, boolean header, int user, int item, int rating, int timestamp,
		boolean optionalTimestamp, List<String> names) {

	/**
	 * Finds the columns by name: user, item and rating must be named once each, the time
	 * at most once; other names are ignored columns.
	 * @param delimiter the delimiter
	 * @param header whether the names come from a header line
	 * @param names the names in file order
	 * @param source what the names come from, for messages ({@code header} or
	 * {@code columns parameter})
	 * @return the layout
	 * @throws TableFormatException if a column is missing or named twice
	 */
	static RatingLayout named(byte delimiter, boolean header, List<String> names, String source) {
		Column[] roles = { Column.USER, Column.ITEM, Column.RATING, Column.TIMESTAMP };
		int[] found = { -1, -1, -1, -1 };
		for (int i = 0; i < names.size(); i++) {
			for (int role = 0; role < roles.length; role++) {
				if (!roles[role].isNamed(names.get(i))) {
					continue;
				}
				if (found[role] >= 0) {
					throw new TableFormatException("The " + source + " names the " + roles[role].names().get(0)
							+ " column twice: '" + names.get(found[role]) + "' and '" + names.get(i) + "'.");
				}
				found[role] = i;
			}
		}
		if (found[0] < 0 || found[1] < 0 || found[2] < 0) {
			throw new TableFormatException("The " + source + " must name a user column (" + Column.USER.describe()
					+ "), an item column (" + Column.ITEM.describe() + ") and a rating column; optionally "
					+ Column.TIMESTAMP.describe() + ". Found: " + String.join(", ", names) + ".");
		}
		return new RatingLayout(delimiter, header, found[0], found[1], found[2], found[3], false, List.copyOf(names));
	}

	/**
	 * The layout of a file without header: user, item, rating and, when there is a fourth
	 * field, the time (MovieLens {@code u.data}).
	 * @param delimiter the delimiter
	 * @param fields the number of fields of the first line
	 * @return the layout
	 * @throws TableFormatException if the first line has fewer than three fields
	 */
	static RatingLayout positional(byte delimiter, int fields) {
		if (fields < 3) {
			throw new TableFormatException("The first line has " + fields + " field" + ((fields == 1) ? "" : "s")
					+ " separated by " + Delimiters.name(delimiter)
					+ "; without a header the columns are user, item, rating and optionally timestamp.");
		}
		return new RatingLayout(delimiter, false, 0, 1, 2, 3, true, List.of("user", "item", "rating", "timestamp"));
	}

	/**
	 * How many leading fields a line needs.
	 * @return one more than the highest index of a required column
	 */
	public int needed() {
		int required = Math.max(Math.max(this.user, this.item), this.rating);
		return Math.max(required, this.optionalTimestamp ? -1 : this.timestamp) + 1;
	}

	/**
	 * How many leading fields are read.
	 * @return one more than the highest index used
	 */
	public int wanted() {
		return Math.max(Math.max(this.user, this.item), Math.max(this.rating, this.timestamp)) + 1;
	}

	/**
	 * A column's name, for messages.
	 * @param column its index
	 * @return its name
	 */
	public String name(int column) {
		return this.names.get(column);
	}

}
