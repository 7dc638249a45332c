package io.mixrec.ratings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Ratings, users and items in PostgreSQL, by SQL. Every write touches keys in one global
 * order (users and items by external id, ratings by (user, item) key), so that concurrent
 * writers wait for each other instead of deadlocking. Callers run these methods inside a
 * transaction.
 */
@Repository
class RatingRepository {

	// The WHERE clause is last write wins: apply a write unless the stored rating is
	// newer, and skip identical writes so that they leave no trace in rating_changes.
	// xmax = 0 tells a fresh insert from an update.
	static final String UPSERT_TAIL = """
			on conflict (user_id, item_id) do update
			    set rating = excluded.rating, rated_at = excluded.rated_at, updated_at = now()
			    where excluded.rated_at >= stored.rated_at
			      and (excluded.rating, excluded.rated_at) is distinct from (stored.rating, stored.rated_at)
			returning (stored.xmax = 0) as inserted
			""";

	private static final String UPSERT = """
			with input as (
			    select u.id as user_id, i.id as item_id, r.rating, r.rated_at
			    from unnest(?::text[], ?::text[], ?::real[], ?::timestamptz[]) as r (user_ext, item_ext, rating, rated_at)
			    join users u on u.external_id = r.user_ext
			    join items i on i.external_id = r.item_ext
			),
			upserted as (
			    insert into ratings as stored (user_id, item_id, rating, rated_at)
			    select user_id, item_id, rating, rated_at from input order by user_id, item_id
			"""
			+ UPSERT_TAIL + """
					)
					select (select count(*) from input) as matched,
					       count(*) filter (where inserted) as inserted,
					       count(*) filter (where not inserted) as updated
					from upserted
					""";

	private final JdbcClient jdbc;

	RatingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Create the users that do not exist yet, in external id order.
	 * @param userIds distinct external ids
	 */
	void ensureUsers(Collection<String> userIds) {
		this.jdbc
			.sql("insert into users (external_id) select id from unnest(?::text[]) as t (id) order by id"
					+ " on conflict (external_id) do nothing")
			.param(new SqlArrayValue("text", userIds.toArray()))
			.update();
	}

	/**
	 * Create the items that do not exist yet, in external id order.
	 * @param itemIds distinct external ids
	 */
	void ensureItems(Collection<String> itemIds) {
		this.jdbc
			.sql("insert into items (external_id) select id from unnest(?::text[]) as t (id) order by id"
					+ " on conflict (external_id) do nothing")
			.param(new SqlArrayValue("text", itemIds.toArray()))
			.update();
	}

	/**
	 * Upsert ratings whose users and items exist (see {@link #ensureUsers} and
	 * {@link #ensureItems}), last write wins.
	 * @param writes the ratings, at most one per (user, item)
	 * @return what happened
	 * @throws ConcurrentDeletionException if a user was deleted since it was ensured
	 */
	WriteCounts upsert(List<RatingWrite> writes) {
		int size = writes.size();
		Object[] users = new Object[size];
		Object[] items = new Object[size];
		Object[] ratings = new Object[size];
		Object[] ratedAt = new Object[size];
		for (int i = 0; i < size; i++) {
			RatingWrite write = writes.get(i);
			users[i] = write.userId();
			items[i] = write.itemId();
			ratings[i] = write.rating();
			ratedAt[i] = write.ratedAt().toString();
		}
		long[] counts = this.jdbc.sql(UPSERT)
			.params(new SqlArrayValue("text", users), new SqlArrayValue("text", items),
					new SqlArrayValue("float4", ratings), new SqlArrayValue("text", ratedAt))
			.query((rs, row) -> new long[] { rs.getLong("matched"), rs.getLong("inserted"), rs.getLong("updated") })
			.single();
		if (counts[0] != size) {
			throw new ConcurrentDeletionException(size, counts[0]);
		}
		return new WriteCounts(counts[1], counts[2], size - counts[1] - counts[2]);
	}

	Optional<StoredRating> find(String userId, String itemId) {
		return this.jdbc.sql("""
				select r.rating, r.rated_at, r.updated_at from ratings r
				where r.user_id = (select id from users where external_id = ?)
				  and r.item_id = (select id from items where external_id = ?)
				""")
			.params(userId, itemId)
			.query((rs, row) -> new StoredRating(userId, itemId, rs.getFloat("rating"), instant(rs, "rated_at"),
					instant(rs, "updated_at")))
			.optional();
	}

	boolean delete(String userId, String itemId) {
		return this.jdbc.sql("""
				delete from ratings
				where user_id = (select id from users where external_id = ?)
				  and item_id = (select id from items where external_id = ?)
				""").params(userId, itemId).update() > 0;
	}

	OptionalLong userKey(String userId) {
		return this.jdbc.sql("select id from users where external_id = ?")
			.param(userId)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElseGet(OptionalLong::empty);
	}

	long countRatings(long userKey) {
		return this.jdbc.sql("select count(*) from ratings where user_id = ?")
			.param(userKey)
			.query(Long.class)
			.single();
	}

	/**
	 * A page of a user's ratings, newest first.
	 * @param userKey the user's surrogate key
	 * @param userId the user's external id
	 * @param limit the page size
	 * @param offset the ratings to skip
	 * @return the page
	 */
	List<StoredRating> page(long userKey, String userId, int limit, long offset) {
		return this.jdbc.sql("""
				select i.external_id, r.rating, r.rated_at, r.updated_at
				from ratings r join items i on i.id = r.item_id
				where r.user_id = ?
				order by r.rated_at desc, i.external_id
				limit ? offset ?
				""")
			.params(userKey, limit, offset)
			.query((rs, row) -> new StoredRating(userId, rs.getString("external_id"), rs.getFloat("rating"),
					instant(rs, "rated_at"), instant(rs, "updated_at")))
			.list();
	}

	/**
	 * Delete a user's ratings, then the user.
	 * @param userId the external id
	 * @return the number of ratings deleted, or -1 if there is no such user
	 */
	long deleteUser(String userId) {
		// Ratings first and counted (the cascade would not say how many), in key order.
		long ratings = this.jdbc.sql("delete from ratings where user_id = (select id from users where external_id = ?)")
			.param(userId)
			.update();
		int users = this.jdbc.sql("delete from users where external_id = ?").param(userId).update();
		return (users > 0) ? ratings : -1;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
