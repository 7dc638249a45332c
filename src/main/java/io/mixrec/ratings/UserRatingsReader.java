package io.mixrec.ratings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads all of one user's current ratings with one indexed query (the primary key of
 * {@code ratings} starts with {@code user_id}). Public for the recommendations feature,
 * which computes a user's posterior from the ratings as they are at request time.
 */
@Component
public class UserRatingsReader {

	private final JdbcClient jdbc;

	UserRatingsReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The user's ratings as item keys ({@code items.id}) and values, in item key order:
	 * the cheapest read, one index range of {@code ratings}, for callers that map item
	 * keys themselves (serving).
	 * @param userId the user's external id
	 * @param sink receives each rating; nothing if the user is unknown or has none
	 */
	public void keyedRatingsOf(String userId, KeyedRatingSink sink) {
		this.jdbc.sql("""
				select item_id, rating from ratings
				where user_id = (select id from users where external_id = ?)
				order by item_id
				""").param(userId).query((rs) -> {
			sink.accept(rs.getLong(1), rs.getFloat(2));
		});
	}

	/** Receives one rating of {@link #keyedRatingsOf}. */
	@FunctionalInterface
	public interface KeyedRatingSink {

		/**
		 * @param itemKey the item's surrogate key ({@code items.id})
		 * @param rating the rating
		 */
		void accept(long itemKey, float rating);

	}

}
