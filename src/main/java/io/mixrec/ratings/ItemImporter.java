package io.mixrec.ratings;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;

import io.mixrec.tabular.ItemFormat;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * The catalogue import, run by {@link StagedImport} like the ratings import: records are
 * validated by {@link ItemCsvParser} and staged, then one set-based statement creates the
 * items or replaces their title and attributes, as {@code PUT /items/{itemId}} does for
 * one item; of an id listed twice the last record wins. Everything or nothing is
 * imported.
 */
@Service
class ItemImporter {

	private static final String CREATE_STAGING = """
			create temp table item_import (external_id text, title text, attributes jsonb, line bigint)
			on commit drop
			""";

	private static final String COPY = "copy item_import (external_id, title, attributes, line)"
			+ " from stdin (format binary)";

	// Rows come out ordered by id, the order in which the ratings import inserts items,
	// so that the two never wait for each other in a cycle.
	private static final String UPSERT = """
			with latest as (
			    select distinct on (external_id) external_id, title, attributes
			    from item_import
			    order by external_id, line desc
			), upserted as (
			    insert into items as stored (external_id, title, attributes)
			    select external_id, title, attributes from latest order by external_id
			    on conflict (external_id) do update
			        set title = excluded.title, attributes = excluded.attributes, updated_at = now()
			        where (stored.title, stored.attributes) is distinct from (excluded.title, excluded.attributes)
			    returning (stored.xmax = 0) as inserted
			)
			select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated,
			       (select count(*) from latest) as distinct_ids
			from upserted
			""";

	private static final StagingTable STAGING = new StagingTable("item_import", CREATE_STAGING, COPY, List.of(UPSERT),
			"analyze items");

	private final StagedImport imports;

	private final RatingRules rules;

	private final RatingsProperties properties;

	private final JsonMapper json;

	ItemImporter(StagedImport imports, RatingRules rules, RatingsProperties properties, JsonMapper json) {
		this.imports = imports;
		this.rules = rules;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * Import items.
	 * @param body the file, read to its end
	 * @param format what the client said about its layout
	 * @param charset the file's charset
	 * @param onError what to do with bad records
	 * @return what the import did: {@code inserted} new items, {@code updated} items
	 * whose metadata changed
	 * @throws UnreadableInputException if the layout cannot be used or told
	 * @throws InvalidImportException for bad records under {@link OnError#REJECT}
	 */
	ImportReport importItems(InputStream body, ItemFormat format, Charset charset, OnError onError) {
		ItemCsvParser parser = new ItemCsvParser(body, format, charset, this.rules, this.json,
				(int) this.properties.maxLineBytes().toBytes(), this.properties.maxAttributesBytes().toBytes());
		return this.imports.run(parser, onError, STAGING);
	}

}
