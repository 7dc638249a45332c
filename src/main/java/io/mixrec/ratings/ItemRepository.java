package io.mixrec.ratings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Item metadata in PostgreSQL ({@code items.title}, {@code items.attributes} as jsonb).
 */
@Repository
class ItemRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ItemRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
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
			.params(itemId, title, (attributes != null) ? this.json.writeValueAsString(attributes) : null)
			.query((rs, row) -> new Saved(view(itemId, rs), rs.getBoolean("inserted")))
			.single();
	}

	Optional<ItemView> find(String itemId) {
		return this.jdbc.sql(
				"select title, attributes::text as attributes, created_at, updated_at from items where external_id = ?")
			.param(itemId)
			.query((rs, row) -> view(itemId, rs))
			.optional();
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
