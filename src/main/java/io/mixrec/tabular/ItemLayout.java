package io.mixrec.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the fields of a catalogue file are: the item's id, its title, and attributes
 * named by the other columns.
 *
 * @param delimiter the byte between fields
 * @param header whether the first line is a header
 * @param id the id column's index
 * @param title the title column's index, or -1 if there is none
 * @param names the column names in file order; the attributes take the names of the
 * columns other than id and title
 * @param movieLens100k whether the layout is MovieLens 100K's {@code u.item}: its
 * nineteen genre flag columns become one {@code genres} list
 */
public record ItemLayout(byte delimiter, boolean header, int id, int title, List<String> names, boolean movieLens100k) {

	/** The genres of MovieLens 100K, in the order of {@code u.item}'s flag columns. */
	public static final List<String> MOVIELENS_100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
			"Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
			"Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

	/** The attribute names of {@code u.item}'s first columns after id and title. */
	private static final List<String> MOVIELENS_100K_COLUMNS = List.of("movieId", "title", "releaseDate",
			"videoReleaseDate", "imdbUrl");

	/** Where {@code u.item}'s genre flags start. */
	public static final int MOVIELENS_100K_FIRST_GENRE = MOVIELENS_100K_COLUMNS.size();

	/** How many fields a line of {@code u.item} has. */
	public static final int MOVIELENS_100K_FIELDS = MOVIELENS_100K_FIRST_GENRE + MOVIELENS_100K_GENRES.size();

	/**
	 * The layout of MovieLens 100K's {@code u.item}.
	 * @return the layout
	 */
	public static ItemLayout forMovieLens100k() {
		List<String> names = new ArrayList<>(MOVIELENS_100K_COLUMNS);
		names.addAll(MOVIELENS_100K_GENRES);
		return new ItemLayout((byte) '|', false, 0, 1, List.copyOf(names), true);
	}

	/**
	 * Finds id and title by name.
	 * @param delimiter the delimiter
	 * @param header whether the names come from a header line
	 * @param names the names in file order
	 * @param source what the names come from, for messages
	 * @return the layout
	 * @throws TableFormatException if there is no id column, or a column is named twice
	 */
	static ItemLayout named(byte delimiter, boolean header, List<String> names, String source) {
		int id = -1;
		int title = -1;
		List<String> seen = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			String normalized = Column.normalize(name);
			if (!normalized.isEmpty() && seen.contains(normalized)) {
				throw new TableFormatException("The " + source + " names the column '" + name + "' twice.");
			}
			seen.add(normalized);
			if (isId(name)) {
				if (id >= 0) {
					throw new TableFormatException("The " + source + " names the item id column twice: '"
							+ names.get(id) + "' and '" + name + "'.");
				}
				id = i;
			}
			else if (Column.TITLE.isNamed(name)) {
				title = i;
			}
		}
		if (id < 0) {
			throw new TableFormatException(
					"The " + source + " must name an item id column (id, " + Column.ITEM.describe()
							+ "); optionally title, and attributes. Found: " + String.join(", ", names) + ".");
		}
		return new ItemLayout(delimiter, header, id, title, List.copyOf(names), false);
	}

	static boolean isId(String name) {
		return Column.ITEM.isNamed(name) || Column.normalize(name).equals("id");
	}

	/**
	 * Whether a column is a list of {@code |}-separated values ({@code genres}, as in
	 * MovieLens {@code movies.csv}).
	 * @param column its index
	 * @return true for a list column
	 */
	public boolean isList(int column) {
		return this.names.get(column).strip().toLowerCase(Locale.ROOT).equals("genres");
	}

	/**
	 * The attribute name of a column.
	 * @param column its index
	 * @return its name, stripped
	 */
	public String name(int column) {
		return this.names.get(column).strip();
	}

}
