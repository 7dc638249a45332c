package io.mixrec.ratings;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import io.mixrec.database.BinaryCopyWriter;
import io.mixrec.tabular.ItemFormat;
import io.mixrec.tabular.ItemLayout;
import io.mixrec.tabular.ItemRecords;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates the records of a catalogue file one at a time, as {@link ItemRecords} hands
 * them out, and turns each into the id, title and attributes of an item: fields decoded
 * from the file's charset, the columns other than id and title as string attributes
 * (empty fields left out), {@code genres} split on {@code |} into a list, and the genre
 * flags of MovieLens 100K's {@code u.item} into the same list. Each valid record is
 * staged as the row {@code (external_id text, title text, attributes jsonb, line bigint)}
 * of {@link ItemImporter}'s staging table.
 */
final class ItemCsvParser extends ImportParser<ItemLayout> {

	/** The columns of the staging row. */
	static final int STAGED_FIELDS = 4;

	/** How MovieLens {@code movies.csv} spells an empty genre list. */
	private static final String NO_GENRES = "(no genres listed)";

	private final ItemRecords records;

	private final Charset charset;

	private final CharsetDecoder decoder;

	private final RatingRules rules;

	private final JsonMapper json;

	private final long maxAttributesBytes;

	private byte[] id = new byte[0];

	private byte @Nullable [] title;

	private byte @Nullable [] attributes;

	ItemCsvParser(InputStream in, ItemFormat format, Charset charset, RatingRules rules, JsonMapper json,
			int maxRecordBytes, long maxAttributesBytes) {
		this(new ItemRecords(in, format, maxRecordBytes), charset, rules, json, maxAttributesBytes);
	}

	private ItemCsvParser(ItemRecords records, Charset charset, RatingRules rules, JsonMapper json,
			long maxAttributesBytes) {
		super(records);
		this.records = records;
		this.charset = charset;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.rules = rules;
		this.json = json;
		this.maxAttributesBytes = maxAttributesBytes;
	}

	@Override
	void parse(ItemLayout layout) {
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

	@Override
	void copyTo(BinaryCopyWriter copy) throws SQLException {
		copy.row(STAGED_FIELDS);
		copy.text(this.id);
		copy.text(this.title);
		copy.jsonb(this.attributes);
		copy.int8(line());
	}

}
