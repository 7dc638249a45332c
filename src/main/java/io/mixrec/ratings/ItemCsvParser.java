package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.mixrec.tabular.ItemFormat;
import io.mixrec.tabular.ItemLayout;
import io.mixrec.tabular.ItemRecords;
import io.mixrec.tabular.TableFormatException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates the records of a catalogue file one at a time, as {@link ItemRecords} hands
 * them out, and turns each into the id, title and attributes of an item: fields decoded
 * from the file's charset, the columns other than id and title as string attributes
 * (empty fields left out), {@code genres} split on {@code |} into a list, and the genre
 * flags of MovieLens 100K's {@code u.item} into the same list. After {@link #next()}
 * either {@link #problem()} says what is wrong with the record, or the accessors give its
 * values as UTF-8.
 */
final class ItemCsvParser {

	/** How MovieLens {@code movies.csv} spells an empty genre list. */
	private static final String NO_GENRES = "(no genres listed)";

	private final ItemRecords records;

	private final Charset charset;

	private final CharsetDecoder decoder;

	private final RatingRules rules;

	private final JsonMapper json;

	private final long maxAttributesBytes;

	private @Nullable ItemLayout layout;

	private @Nullable String problem;

	private @Nullable String problemField;

	private byte[] id = new byte[0];

	private byte @Nullable [] title;

	private byte @Nullable [] attributes;

	ItemCsvParser(InputStream in, ItemFormat format, Charset charset, RatingRules rules, JsonMapper json,
			int maxRecordBytes, long maxAttributesBytes) {
		this.records = new ItemRecords(in, format, maxRecordBytes);
		this.charset = charset;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.rules = rules;
		this.json = json;
		this.maxAttributesBytes = maxAttributesBytes;
	}

	/**
	 * Read the layout.
	 * @return the layout
	 * @throws IOException if reading fails
	 * @throws io.mixrec.web.ApiException 400 if the layout cannot be used or told
	 */
	ItemLayout readLayout() throws IOException {
		try {
			ItemLayout found = this.records.layout();
			this.layout = found;
			return found;
		}
		catch (TableFormatException ex) {
			throw new UnreadableInputException(ex.getMessage());
		}
	}

	/**
	 * Advance to the next record.
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	boolean next() throws IOException {
		if (!this.records.next()) {
			return false;
		}
		this.problem = this.records.problem();
		this.problemField = null;
		if (this.problem == null) {
			parse();
		}
		return true;
	}

	private void parse() {
		ItemLayout layout = this.layout;
		if (layout == null) {
			throw new IllegalStateException("readLayout() first");
		}
		String id = text(layout.id(), layout);
		if (id == null) {
			return;
		}
		String idProblem = this.rules.idProblem(id);
		if (idProblem != null) {
			reject(layout.name(layout.id()), idProblem);
			return;
		}
		String title = null;
		if (layout.title() >= 0) {
			title = text(layout.title(), layout);
			if (title == null) {
				return;
			}
			if (title.codePointCount(0, title.length()) > ItemsController.MAX_TITLE_LENGTH) {
				reject(layout.name(layout.title()),
						"must be at most " + ItemsController.MAX_TITLE_LENGTH + " characters");
				return;
			}
		}
		ObjectNode attributes = this.json.createObjectNode();
		if (!attributes(layout, attributes)) {
			return;
		}
		byte[] attributeBytes = null;
		if (!attributes.isEmpty()) {
			attributeBytes = this.json.writeValueAsBytes(attributes);
			if (attributeBytes.length > this.maxAttributesBytes) {
				reject("attributes", "must be at most " + this.maxAttributesBytes + " bytes as JSON");
				return;
			}
		}
		this.id = id.getBytes(StandardCharsets.UTF_8);
		this.title = (title == null || title.isEmpty()) ? null : title.getBytes(StandardCharsets.UTF_8);
		this.attributes = attributeBytes;
	}

	private boolean attributes(ItemLayout layout, ObjectNode attributes) {
		ArrayNode genres = null;
		int columns = Math.min(this.records.count(), layout.names().size());
		for (int column = 0; column < columns; column++) {
			if (column == layout.id() || column == layout.title() || layout.name(column).isEmpty()) {
				continue;
			}
			String value = text(column, layout);
			if (value == null) {
				return false;
			}
			if (layout.movieLens100k() && column >= ItemLayout.MOVIELENS_100K_FIRST_GENRE) {
				if (!value.equals("0") && !value.equals("1")) {
					reject(layout.name(column), "must be 0 or 1");
					return false;
				}
				genres = (genres != null) ? genres : attributes.putArray("genres");
				if (value.equals("1")) {
					genres.add(layout.name(column));
				}
			}
			else if (layout.isList(column)) {
				ArrayNode list = attributes.putArray(layout.name(column));
				if (!value.equals(NO_GENRES)) {
					for (String element : value.split("\\|")) {
						if (!element.isBlank()) {
							list.add(element.strip());
						}
					}
				}
			}
			else if (!value.isEmpty()) {
				attributes.put(layout.name(column), value);
			}
		}
		return true;
	}

	/** The decoded field, or null (with the problem recorded) if it cannot be stored. */
	private @Nullable String text(int column, ItemLayout layout) {
		byte[] b = this.records.buffer();
		int start = this.records.start(column);
		int end = this.records.end(column);
		String text;
		try {
			text = this.decoder.reset().decode(ByteBuffer.wrap(b, start, end - start)).toString();
		}
		catch (CharacterCodingException ex) {
			String hint = this.charset.equals(StandardCharsets.UTF_8)
					? "; if the file is Latin-1, as MovieLens u.item is, pass charset=ISO-8859-1" : "";
			reject(layout.name(column), "is not valid " + this.charset.name() + hint);
			return null;
		}
		if (text.indexOf(0) >= 0) {
			reject(layout.name(column), "must not contain NUL characters");
			return null;
		}
		return text;
	}

	private void reject(String field, String message) {
		this.problemField = field;
		this.problem = message;
	}

	long line() {
		return this.records.line();
	}

	@Nullable String problem() {
		return this.problem;
	}

	@Nullable String problemField() {
		return this.problemField;
	}

	byte[] id() {
		return this.id;
	}

	byte @Nullable [] title() {
		return this.title;
	}

	byte @Nullable [] attributes() {
		return this.attributes;
	}

}
