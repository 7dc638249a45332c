package io.mixrec.ratings;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads all of one user's current ratings with one indexed query (the primary key of
 * {@code ratings} starts with {@code user_id}). Public for the recommendations feature,
 * which computes a user's posterior from the ratings as they are at request time.
 */
@Repository
public class UserRatingsReader {

	private final JdbcClient jdbc;

	UserRatingsReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The user's ratings, in item key order.
	 * @param userId the user's external id
	 * @return the ratings; empty if the user is unknown or has none
	 */
	public List<ItemRating> ratingsOf(String userId) {
		return this.jdbc.sql("""
				select r.item_id, i.external_id, r.rating
				from ratings r join items i on i.id = r.item_id
				where r.user_id = (select id from users where external_id = ?)
				order by r.item_id
				""")
			.param(userId)
			.query((rs, row) -> new ItemRating(rs.getLong(1), rs.getString(2), rs.getFloat(3)))
			.list();
	}

}
