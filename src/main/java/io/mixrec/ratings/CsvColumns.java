package io.mixrec.ratings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;

import org.springframework.http.HttpStatus;

/**
 * Where the columns of a ratings CSV are, found by header name (case-insensitive, spaces
 * around names ignored): the user ({@code userId}, {@code user_id}, {@code user}), the
 * item ({@code itemId}, {@code item_id}, {@code movieId}, {@code movie_id},
 * {@code item}), the {@code rating} and, optionally, the time ({@code timestamp},
 * {@code ratedAt}, {@code rated_at}). Other columns are ignored.
 *
 * @param user the user column's index
 * @param item the item column's index
 * @param rating the rating column's index
 * @param ratedAt the time column's index, or -1 if there is none
 * @param names the header's column names, for error messages
 */
record CsvColumns(int user, int item, int rating, int ratedAt, List<String> names) {

	private static final List<List<String>> ALIASES = List.of(List.of("userid", "user_id", "user"),
			List.of("itemid", "item_id", "movieid", "movie_id", "item"), List.of("rating"),
			List.of("timestamp", "ratedat", "rated_at"));

	private static final List<String> ROLES = List.of("user", "item", "rating", "time");

	/**
	 * Read the header line.
	 * @param fields the header, split
	 * @param buffer the buffer holding it
	 * @return the columns
	 * @throws ApiException 400 if a required column is missing or one is named twice
	 */
	static CsvColumns of(CsvFields fields, byte[] buffer) {
		List<String> names = new ArrayList<>();
		int[] columns = { -1, -1, -1, -1 };
		for (int i = 0; i < fields.count(); i++) {
			String name = new String(buffer, fields.start(i), fields.end(i) - fields.start(i), StandardCharsets.UTF_8)
				.strip();
			names.add(name);
			for (int role = 0; role < ALIASES.size(); role++) {
				if (!ALIASES.get(role).contains(name.toLowerCase(Locale.ROOT))) {
					continue;
				}
				if (columns[role] >= 0) {
					throw malformed("The CSV header names the " + ROLES.get(role) + " column twice: '"
							+ names.get(columns[role]) + "' and '" + name + "'.");
				}
				columns[role] = i;
			}
		}
		if (columns[0] < 0 || columns[1] < 0 || columns[2] < 0) {
			throw malformed("The CSV header must name a user column (userId, user_id or user), an item column"
					+ " (itemId, item_id, movieId or item) and a rating column; optionally timestamp or ratedAt."
					+ " Found: " + String.join(", ", names) + ".");
		}
		return new CsvColumns(columns[0], columns[1], columns[2], columns[3], List.copyOf(names));
	}

	/** How many leading fields a line needs. */
	int needed() {
		return Math.max(Math.max(this.user, this.item), Math.max(this.rating, this.ratedAt)) + 1;
	}

	String name(int column) {
		return this.names.get(column);
	}

	static ApiException malformed(String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, ErrorTypes.MALFORMED_REQUEST, detail);
	}

}
