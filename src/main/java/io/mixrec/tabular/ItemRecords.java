package io.mixrec.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The reader of catalogue files ({@code POST /items/import}): RFC 4180 records, where a
 * quoted field may hold delimiters, doubled quotes and line breaks, handed out one at a
 * time as field ranges of a byte buffer, undecoded.
 *
 * <p>
 * What the {@link ItemFormat} leaves open is sniffed from the first line: the delimiter
 * as for ratings ({@link Delimiters#sniff}); a header when the line names an id column
 * ({@code id}, {@code itemId}, {@code movieId}, ...); MovieLens 100K's {@code u.item}
 * when the line has its 24 pipe-separated fields with 0/1 genre flags. Anything else
 * without parameters is refused.
 */
public final class ItemRecords extends TableRecords<ItemLayout> {

	/** The most columns a catalogue file may have. */
	public static final int MAX_COLUMNS = 1024;

	private final ItemFormat format;

	/**
	 * A reader.
	 * @param in the file, read to its end
	 * @param format what the client said about its layout
	 * @param maxRecordBytes the longest record; longer records are bad records
	 */
	public ItemRecords(InputStream in, ItemFormat format, int maxRecordBytes) {
		super(new LineReader(in, maxRecordBytes, true), maxRecordBytes, "record");
		this.format = format;
	}

	@Override
	ItemLayout sniff(byte[] first) {
		if (this.format.movieLens100k()) {
			return ItemLayout.forMovieLens100k();
		}
		Byte given = this.format.delimiter();
		byte delimiter = delimiter(given, first);
		Fields split = splitFirst(first, delimiter, MAX_COLUMNS, true);
		List<String> names = names(first, split);
		boolean namesId = names.stream().anyMatch(ItemLayout::isId);
		Boolean header = this.format.header();
		List<String> columns = this.format.columns();
		if (header == null) {
			if (namesId) {
				header = true;
			}
			else if (columns != null) {
				header = false;
			}
			else if (given == null && looksLikeMovieLens100k(first, split, delimiter)) {
				return ItemLayout.forMovieLens100k();
			}
			else {
				throw new TableFormatException("Cannot tell the columns: the first line names no item id column (id, "
						+ Column.ITEM.describe() + ") and is not MovieLens 100K's u.item. Pass columns=... (with"
						+ " header=true if the first line is a header), or format=" + ItemFormat.MOVIELENS_100K + ".");
			}
		}
		if (columns != null) {
			return ItemLayout.named(delimiter, header, columns, "columns parameter");
		}
		if (!header) {
			throw new TableFormatException(
					"Without a header the columns must be given: pass columns=id,title,... or format="
							+ ItemFormat.MOVIELENS_100K + ".");
		}
		return ItemLayout.named(delimiter, true, names, "header");
	}

	private static boolean looksLikeMovieLens100k(byte[] first, Fields split, byte delimiter) {
		if (delimiter != '|' || split.count() != ItemLayout.MOVIELENS_100K_FIELDS
				|| TextNumbers.epochSeconds(first, split.start(0), split.end(0)) == TextNumbers.NOT_AN_INTEGER) {
			return false;
		}
		for (int i = ItemLayout.MOVIELENS_100K_FIRST_GENRE; i < split.count(); i++) {
			if (split.end(i) - split.start(i) != 1 || (first[split.start(i)] != '0' && first[split.start(i)] != '1')) {
				return false;
			}
		}
		return true;
	}

	@Override
	Fields fieldsFor(ItemLayout layout) {
		return new Fields(MAX_COLUMNS, layout.delimiter(), true);
	}

	@Override
	boolean hasHeader(ItemLayout layout) {
		return layout.header();
	}

	@Override
	int fieldLimit(ItemLayout layout) {
		return MAX_COLUMNS;
	}

	@Override
	@Nullable String shortness(ItemLayout layout, Fields fields) {
		int needed = Math.max(layout.id(), layout.title()) + 1;
		if (fields.count() < needed) {
			return fieldCount(fields, layout.delimiter(), needed);
		}
		if (layout.movieLens100k() && fields.count() != ItemLayout.MOVIELENS_100K_FIELDS) {
			return "has " + fields.count() + " fields; MovieLens 100K's u.item has " + ItemLayout.MOVIELENS_100K_FIELDS;
		}
		return null;
	}

	@Override
	String emptyMessage() {
		return "The file is empty: expected items, or a header line naming the columns.";
	}

}
