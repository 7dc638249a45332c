package io.mixrec.tabular;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a client says about the layout of a catalogue file; anything left null is sniffed
 * from the first line (see {@link ItemRecords}).
 *
 * @param delimiter the delimiter, or null to sniff it
 * @param header whether the first line is a header, or null to sniff it
 * @param columns the column names in file order, or null to take them from the header
 * @param movieLens100k whether the file is MovieLens 100K's {@code u.item}
 */
public record ItemFormat(@Nullable Byte delimiter, @Nullable Boolean header, @Nullable List<String> columns,
		boolean movieLens100k) {

	/** The value of the {@code format} parameter for {@code u.item}. */
	public static final String MOVIELENS_100K = "movielens-100k";

	/** Everything sniffed. */
	public static final ItemFormat SNIFF = new ItemFormat(null, null, null, false);

	/**
	 * Reads the parameters of an import.
	 * @param format {@code movielens-100k}, {@code csv} or null
	 * @param delimiter {@code tab}, {@code comma}, ... or a character, or null
	 * @param header {@code true}, {@code false} or null
	 * @param columns comma-separated column names, or null
	 * @return the format
	 * @throws TableFormatException if a parameter is invalid or they contradict each
	 * other
	 */
	public static ItemFormat of(@Nullable String format, @Nullable String delimiter, @Nullable String header,
			@Nullable String columns) {
		boolean movieLens = false;
		if (format != null && !format.isEmpty()) {
			switch (format.toLowerCase(Locale.ROOT)) {
				case MOVIELENS_100K:
					movieLens = true;
					break;
				case "csv":
					break;
				default:
					throw new TableFormatException(
							"format must be " + MOVIELENS_100K + " or csv (the default), not '" + format + "'.");
			}
		}
		ItemFormat parsed = new ItemFormat(Delimiters.parse(delimiter), RatingFormat.bool("header", header),
				RatingFormat.names(columns), movieLens);
		if (movieLens && (parsed.delimiter() != null || parsed.header() != null || parsed.columns() != null)) {
			throw new TableFormatException(
					"format=" + MOVIELENS_100K + " fixes delimiter, header and columns; leave them out.");
		}
		return parsed;
	}

}
