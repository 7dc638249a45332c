package io.mixrec.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a client says about the layout of a ratings file; anything left null is sniffed
 * from the first line (see {@link RatingRecords}).
 *
 * @param delimiter the delimiter, or null to sniff it
 * @param header whether the first line is a header, or null to sniff it
 * @param columns the column names in file order (see {@link Column}; other names are
 * ignored columns), or null to take them from the header, or positionally as user, item,
 * rating[, timestamp] without one
 */
public record RatingFormat(@Nullable Byte delimiter, @Nullable Boolean header, @Nullable List<String> columns) {

	/** Everything sniffed. */
	public static final RatingFormat SNIFF = new RatingFormat(null, null, null);

	/**
	 * Reads the parameters of an import.
	 * @param delimiter {@code tab}, {@code comma}, ... or a character (see
	 * {@link Delimiters#parse}), or null
	 * @param header {@code true}, {@code false} or null
	 * @param columns comma-separated column names, or null
	 * @return the format
	 * @throws TableFormatException if a parameter is invalid
	 */
	public static RatingFormat of(@Nullable String delimiter, @Nullable String header, @Nullable String columns) {
		return new RatingFormat(Delimiters.parse(delimiter), bool("header", header), names(columns));
	}

	static @Nullable Boolean bool(String name, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		switch (value.toLowerCase(Locale.ROOT)) {
			case "true":
				return Boolean.TRUE;
			case "false":
				return Boolean.FALSE;
			default:
				throw new TableFormatException(name + " must be true or false, not '" + value + "'.");
		}
	}

	static @Nullable List<String> names(@Nullable String columns) {
		if (columns == null || columns.isBlank()) {
			return null;
		}
		List<String> names = new ArrayList<>();
		for (String name : columns.split(",", -1)) {
			names.add(name.strip());
		}
		return List.copyOf(names);
	}

}
