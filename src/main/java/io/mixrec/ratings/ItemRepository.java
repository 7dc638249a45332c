package io.mixrec.ratings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Item metadata in PostgreSQL ({@code items.title}, {@code items.attributes} as jsonb):
 * writes by SQL (an upsert that says whether it created the item), reads through the
 * Spring Data repository {@link CatalogueItems}.
 */
@Repository
class ItemRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final CatalogueItems catalogue;

	ItemRepository(JdbcClient jdbc, JsonMapper json, CatalogueItems catalogue) {
		this.jdbc = jdbc;
		this.json = json;
		this.catalogue = catalogue;
	}

	/**
	 * Create an item or replace its metadata.
	 * @param itemId the external id
	 * @param title the title, or null
	 * @param attributes the attributes, or null
	 * @return the stored item, and whether it was created
	 */
	Saved save(String itemId, @Nullable String title, @Nullable JsonNode attributes) {
		return this.jdbc.sql("""
				insert into items as stored (external_id, title, attributes) values (?, ?, ?::jsonb)
				on conflict (external_id) do update
				    set title = excluded.title, attributes = excluded.attributes, updated_at = now()
				returning (stored.xmax = 0) as inserted, title, attributes::text, created_at, updated_at
				""")
			// params(List) binds null as SQL NULL; params(Object...) is declared non-null
			.params(Arrays.asList(itemId, title,
					(attributes != null) ? this.json.writeValueAsString(attributes) : null))
			.query((rs, row) -> new Saved(view(itemId, rs), rs.getBoolean("inserted")))
			.single();
	}

	Optional<ItemView> find(String itemId) {
		return this.catalogue.findByExternalId(itemId).map(this::view);
	}

	/**
	 * A page of the catalogue in id order.
	 * @param titleContains only items whose title contains this, ignoring case, or null
	 * for all
	 * @param page the page number, from 0
	 * @param size the page size
	 * @return the page
	 */
	ItemsPage page(@Nullable String titleContains, int page, int size) {
		PageRequest request = PageRequest.of(page, size);
		Page<CatalogueItem> found = (titleContains != null)
				? this.catalogue.findByTitleContainingIgnoreCaseOrderByExternalIdAsc(titleContains, request)
				: this.catalogue.findAllByOrderByExternalIdAsc(request);
		return new ItemsPage(page, size, found.getTotalElements(), found.getTotalPages(),
				found.getContent().stream().map(this::view).toList());
	}

	private ItemView view(CatalogueItem item) {
		String attributes = item.getAttributes();
		return new ItemView(item.getExternalId(), item.getTitle(),
				(attributes != null) ? this.json.readTree(attributes) : null, item.getCreatedAt(), item.getUpdatedAt());
	}

	private ItemView view(String itemId, ResultSet rs) throws SQLException {
		String attributes = rs.getString("attributes");
		return new ItemView(itemId, rs.getString("title"), (attributes != null) ? this.json.readTree(attributes) : null,
				RatingRepository.instant(rs, "created_at"), RatingRepository.instant(rs, "updated_at"));
	}

	/**
	 * The result of {@link #save}.
	 *
	 * @param item the stored item
	 * @param created whether it is new
	 */
	record Saved(ItemView item, boolean created) {

	}

}
