package io.mixrec.ratings;

import io.mixrec.tabular.ItemFormat;
import io.mixrec.tabular.RatingFormat;
import io.mixrec.tabular.TableFormatException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters that the ratings and the catalogue import both take, bound and
 * validated together. What they say about the file's layout is read by
 * {@link RatingFormat} and {@link ItemFormat}, whose messages name the parameter that
 * settles a problem; anything left out is sniffed from the first line.
 *
 * @param onError {@code reject} (the default) or {@code skip}, in any case
 * @param columns the column names in file order, comma separated
 * @param delimiter {@code tab}, {@code comma}, {@code semicolon}, {@code pipe} or one
 * character
 * @param header {@code true} or {@code false}
 */
record ImportParameters(@Parameter(schema = @Schema(allowableValues = {
		"reject", "skip" }, defaultValue = "reject")) @Pattern(regexp = OnError.PATTERN,
				message = "must be reject or skip") @Nullable String onError,
		@Parameter(description = "Column names in file order, e.g. user,item,rating,timestamp or id,title,year;"
				+ " a ratings file ignores names other than the known ones (userId, user_id, user; itemId, item_id,"
				+ " movieId, movie_id, item; rating; timestamp, ratedAt, rated_at). Default: the header's names, or"
				+ " user,item,rating[,timestamp] for ratings without a header.") @Nullable String columns,
		@Parameter(description = "tab, comma, semicolon, pipe or one character; default: sniffed from the first"
				+ " line") @Nullable String delimiter,
		@Parameter(description = "Whether the first line is a header; default: sniffed",
				schema = @Schema(allowableValues = { "true", "false" })) @Nullable String header){

	/**
	 * What to do with bad lines.
	 * @return the mode, {@link OnError#REJECT} unless the client said otherwise
	 */
	OnError mode() {
		return OnError.of(this.onError);
	}

	/**
	 * The layout of a ratings file, as far as the parameters tell it.
	 * @return the format
	 * @throws UnreadableInputException if a parameter is invalid
	 */
	RatingFormat ratingFormat() {
		try {
			return RatingFormat.of(this.delimiter, this.header, this.columns);
		}
		catch (TableFormatException ex) {
			throw new UnreadableInputException(ex.getMessage());
		}
	}

	/**
	 * The layout of a catalogue file, as far as the parameters tell it.
	 * @param format the catalogue's own {@code format} parameter, or null
	 * @return the format
	 * @throws UnreadableInputException if a parameter is invalid or they contradict each
	 * other
	 */
	ItemFormat itemFormat(@Nullable String format) {
		try {
			return ItemFormat.of(format, this.delimiter, this.header, this.columns);
		}
		catch (TableFormatException ex) {
			throw new UnreadableInputException(ex.getMessage());
		}
	}

}
