package io.mixrec.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.mixrec.em.PlantedMixture;

/**
 * Writes ratings straight into the tables (users and items created as needed), for tests
 * of features that read ratings. Ingestion has its own API and tests.
 */
public final class TestRatings {

	private final List<String> users = new ArrayList<>();

	private final List<String> items = new ArrayList<>();

	private final List<Float> values = new ArrayList<>();

	/**
	 * @param user external user id
	 * @param item external item id
	 * @param rating the value
	 * @return this
	 */
	public TestRatings add(String user, String item, double rating) {
		this.users.add(user);
		this.items.add(item);
		this.values.add((float) rating);
		return this;
	}

	/**
	 * Adds a planted-mixture data set with ids {@code prefix + "u" + n} and
	 * {@code prefix + "i" + n}.
	 * @param prefix prefix of every id
	 * @param planted the generator
	 * @return this
	 */
	public TestRatings planted(String prefix, PlantedMixture planted) {
		planted.generate((user, item, rating) -> add(prefix + "u" + user, prefix + "i" + item, rating));
		return this;
	}

	/**
	 * Adds a data set whose users differ in taste, so that a personalised model beats
	 * both the biases and most-popular by a clear margin: user n belongs to group n mod
	 * {@code groups}, and item i is a favourite of group i mod {@code groups}; each user
	 * rates {@code perUser} distinct items, about three in four of them favourites (rated
	 * 4 to 5) and the rest others (rated 1 to 3). Ids are {@code prefix + "u" + n} and
	 * {@code prefix + "i" + n}.
	 * @param prefix prefix of every id
	 * @param users users
	 * @param items items, at least {@code 2 x groups x perUser}
	 * @param groups taste groups
	 * @param perUser ratings per user
	 * @param seed random seed
	 * @return this
	 */
	public TestRatings tastes(String prefix, int users, int items, int groups, int perUser, long seed) {
		java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
		for (int u = 0; u < users; u++) {
			int group = u % groups;
			java.util.Set<Integer> rated = new java.util.HashSet<>();
			while (rated.size() < perUser) {
				boolean favourite = random.nextDouble() < 0.75;
				int item = favourite ? group + groups * random.nextInt(items / groups) : random.nextInt(items);
				if (item % groups == group && !favourite || !rated.add(item)) {
					continue;
				}
				double rating = favourite ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
				add(prefix + "u" + u, prefix + "i" + item, rating);
			}
		}
		return this;
	}

	/**
	 * @return the number of ratings added
	 */
	public int size() {
		return this.values.size();
	}

	/**
	 * Inserts (or overwrites) every rating in one transaction.
	 * @param dataSource the database
	 */
	public void insert(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement("""
					with input as (
					    select * from unnest(?::text[], ?::text[], ?::real[]) as t(user_key, item_key, rating)
					), new_users as (
					    insert into users (external_id) select distinct user_key from input order by 1
					    on conflict (external_id) do nothing
					), new_items as (
					    insert into items (external_id) select distinct item_key from input order by 1
					    on conflict (external_id) do nothing
					)
					select 1
					""")) {
				bind(connection, statement);
				statement.execute();
			}
			try (PreparedStatement statement = connection.prepareStatement("""
					insert into ratings (user_id, item_id, rating, rated_at)
					select u.id, i.id, t.rating, now()
					from unnest(?::text[], ?::text[], ?::real[]) as t(user_key, item_key, rating)
					join users u on u.external_id = t.user_key
					join items i on i.external_id = t.item_key
					order by 1, 2
					on conflict (user_id, item_id) do update set rating = excluded.rating, updated_at = now()
					""")) {
				bind(connection, statement);
				statement.execute();
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void bind(Connection connection, PreparedStatement statement) throws SQLException {
		statement.setArray(1, connection.createArrayOf("text", this.users.toArray()));
		statement.setArray(2, connection.createArrayOf("text", this.items.toArray()));
		statement.setArray(3, connection.createArrayOf("real", this.values.toArray()));
	}

}
