package io.mixrec.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The one reader of ratings files, for the service's import and the command line: reads
 * the layout from the first line that is not blank ({@link #layout()}), then hands out
 * the data records one at a time ({@link #next()}) as field ranges of a byte buffer,
 * without decoding or validating them.
 *
 * <p>
 * What the {@link RatingFormat} leaves open is sniffed from the first line: the delimiter
 * (the one of tab, comma, semicolon and pipe that occurs), whether it is a header (it is
 * when it names a known column, see {@link Column}; it is data when its rating field is a
 * number; with the columns given, a first line whose rating field is not a number is a
 * header) and the columns (by the header's names, else user, item, rating[, timestamp]).
 * So MovieLens {@code u.data} (tab-separated, no header) and {@code ratings.csv} (header
 * {@code userId,movieId,rating,timestamp}) are both read as they are. A first line that
 * names no known column and whose rating field is not a number is refused rather than
 * guessed at.
 */
public final class RatingRecords extends TableRecords<RatingLayout> {

	private static final int MAX_HEADER_COLUMNS = 1024;

	private final RatingFormat format;

	/**
	 * A reader.
	 * @param in the file, read to its end
	 * @param format what the client said about its layout
	 * @param maxLineBytes the longest line; longer lines are bad lines
	 */
	public RatingRecords(InputStream in, RatingFormat format, int maxLineBytes) {
		super(new LineReader(in, maxLineBytes), maxLineBytes, "line");
		this.format = format;
	}

	@Override
	RatingLayout sniff(byte[] first) {
		byte delimiter = delimiter(this.format.delimiter(), first);
		Fields split = splitFirst(first, delimiter, MAX_HEADER_COLUMNS, false);
		List<String> names = names(first, split);
		boolean namesAColumn = names.stream().anyMatch(RatingRecords::namesRatingColumn);
		List<String> columns = this.format.columns();
		boolean header = header(first, split, names, namesAColumn, delimiter);
		if (columns != null) {
			return RatingLayout.named(delimiter, header, columns, "columns parameter");
		}
		return header ? RatingLayout.named(delimiter, true, names, "header")
				: RatingLayout.positional(delimiter, split.count());
	}

	private static boolean namesRatingColumn(String name) {
		Column column = Column.named(name);
		return column != null && column != Column.TITLE;
	}

	private boolean header(byte[] first, Fields split, List<String> names, boolean namesAColumn, byte delimiter) {
		Boolean given = this.format.header();
		if (given != null) {
			return given;
		}
		if (namesAColumn) {
			return true;
		}
		int rating = 2;
		List<String> columns = this.format.columns();
		if (columns != null) {
			rating = RatingLayout.named(delimiter, false, columns, "columns parameter").rating();
		}
		// Too short for a rating: not a header either, and reported as data that is
		// short.
		if (rating >= split.count()
				|| !Double.isNaN(TextNumbers.decimal(first, split.start(rating), split.end(rating)))) {
			return false;
		}
		if (columns != null) {
			// The client named the columns: a first line without a rating is their
			// header.
			return true;
		}
		String field = "'" + names.get(rating) + "'";
		throw new TableFormatException("Cannot tell whether the first line is a header: it names none of the known"
				+ " columns (" + Column.USER.names().get(0) + ", " + Column.ITEM.names().get(0) + ", "
				+ Column.RATING.names().get(0) + ", " + Column.TIMESTAMP.names().get(0)
				+ ", ...) and its rating field (" + field
				+ ") is not a number. Pass header=true with columns=..., or header=false.");
	}

	@Override
	Fields fieldsFor(RatingLayout layout) {
		return new Fields(layout.wanted(), layout.delimiter());
	}

	@Override
	boolean hasHeader(RatingLayout layout) {
		return layout.header();
	}

	@Override
	int fieldLimit(RatingLayout layout) {
		return layout.wanted();
	}

	@Override
	@Nullable String shortness(RatingLayout layout, Fields fields) {
		return (fields.count() < layout.needed()) ? fieldCount(fields, layout.delimiter(), layout.needed()) : null;
	}

	@Override
	String emptyMessage() {
		return "The file is empty: expected ratings, or a header line naming the columns.";
	}

	/**
	 * Whether the current record has a field (an optional time may be missing).
	 * @param column the field's index
	 * @return true if the record reaches that far
	 */
	public boolean has(int column) {
		return column >= 0 && column < count();
	}

}
