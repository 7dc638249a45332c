package io.mixrec.ratings;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.mixrec.testsupport.ApiClient;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers shared by the ratings integration tests: unique ids (the database is shared by
 * the whole run), problem assertions and the refit's change detection.
 */
final class RatingsTestSupport {

	private RatingsTestSupport() {
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = ApiClient.json(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://mixrec.io/problems/" + slug);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		return problem;
	}

	static JsonNode assertOk(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return ApiClient.json(response.body());
	}

	/** The snapshot a refit would store as its watermark. */
	static String snapshot(JdbcClient jdbc) {
		return jdbc.sql("select pg_current_snapshot()::text").query(String.class).single();
	}

	/** What the refit's "anything changed since?" check answers. */
	static boolean changedSince(JdbcClient jdbc, String snapshot) {
		return jdbc.sql("select ratings_changed_since(?::pg_snapshot)").param(snapshot).query(Boolean.class).single();
	}

	static long ratingCount(JdbcClient jdbc, String userId) {
		return jdbc.sql("select count(*) from ratings where user_id = (select id from users where external_id = ?)")
			.param(userId)
			.query(Long.class)
			.single();
	}

	static boolean userExists(JdbcClient jdbc, String userId) {
		return jdbc.sql("select count(*) from users where external_id = ?")
			.param(userId)
			.query(Long.class)
			.single() > 0;
	}

	static boolean itemExists(JdbcClient jdbc, String itemId) {
		return jdbc.sql("select count(*) from items where external_id = ?")
			.param(itemId)
			.query(Long.class)
			.single() > 0;
	}

	/** A stored rating by external ids, rated at a time in epoch seconds. */
	record StoredRating(String user, String item, float rating, long ratedAt) {

		/** The rated pair as {@code user/item}: one key per stored rating. */
		String key() {
			return this.user + "/" + this.item;
		}

	}

	/** Every stored rating of the users whose external id starts with {@code prefix}. */
	static List<StoredRating> storedRatingsOfUsers(JdbcClient jdbc, String prefix) {
		return jdbc.sql("""
				select u.external_id as user_id, i.external_id as item_id, r.rating,
				       extract(epoch from r.rated_at)::bigint as rated_at
				from ratings r join users u on u.id = r.user_id join items i on i.id = r.item_id
				where u.external_id like ?
				""")
			.param(prefix + "%")
			.query((rs, row) -> new StoredRating(rs.getString("user_id"), rs.getString("item_id"),
					rs.getFloat("rating"), rs.getLong("rated_at")))
			.list();
	}

	/** The stored rating of (user, item), or null. */
	static Float storedRating(JdbcClient jdbc, String userId, String itemId) {
		return jdbc.sql("""
				select r.rating from ratings r
				where r.user_id = (select id from users where external_id = ?)
				  and r.item_id = (select id from items where external_id = ?)
				""").params(userId, itemId).query(Float.class).optional().orElse(null);
	}

}
