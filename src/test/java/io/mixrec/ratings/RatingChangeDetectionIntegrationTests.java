package io.mixrec.ratings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change detection of migration V1 ({@code rating_changes}, its triggers and
 * {@code ratings_changed_since(pg_snapshot)}) on real PostgreSQL, with plain JDBC so that
 * transactions can interleave exactly as the tests need.
 */
class RatingChangeDetectionIntegrationTests {

	private static JdbcDatabase database;

	@BeforeAll
	static void migrate() {
		database = TestDatabase.shared().migrate();
	}

	@Test
	void insertIsAChange() throws SQLException {
		long user = user();
		long item = item();
		String before = snapshot();

		execute("insert into ratings (user_id, item_id, rating, rated_at) values (" + user + ", " + item
				+ ", 4, now())");

		assertThat(changedSince(before)).isTrue();
		assertThat(changedSince(snapshot())).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "update ratings set rating = 5 where user_id = %1$d",
			"insert into ratings (user_id, item_id, rating, rated_at) values (%1$d, %2$d, 1, now())"
					+ " on conflict (user_id, item_id) do update set rating = excluded.rating",
			"delete from ratings where user_id = %1$d" })
	void writeToAnExistingRatingIsAChange(String statement) throws SQLException {
		long user = user();
		long item = item();
		rate(user, item, 3);
		String before = snapshot();

		execute(statement.formatted(user, item));

		assertThat(changedSince(before)).isTrue();
	}

	@Test
	void deletingAUserCascadesToItsRatingsAndIsAChange() throws SQLException {
		long user = user();
		rate(user, item(), 3);
		rate(user, item(), 4);
		String before = snapshot();

		execute("delete from users where id = " + user);

		assertThat(queryLong("select count(*) from ratings where user_id = " + user)).isZero();
		assertThat(changedSince(before)).isTrue();
	}

	@Test
	void statementsThatTouchNoRatingIsNoChange() throws SQLException {
		long user = user();
		long item = item();
		rate(user, item, 3);
		long logged = queryLong("select count(*) from rating_changes");
		String before = snapshot();

		execute("update ratings set rating = 1 where false");
		execute("delete from ratings where user_id = -1");
		execute("insert into ratings (user_id, item_id, rating, rated_at) select user_id, item_id, 1, now()"
				+ " from ratings where false");
		execute("insert into ratings (user_id, item_id, rating, rated_at) values (" + user + ", " + item
				+ ", 5, now()) on conflict do nothing");
		execute("delete from users where id = " + user() + "");

		assertThat(queryLong("select count(*) from rating_changes")).isEqualTo(logged);
		assertThat(changedSince(before)).isFalse();
	}

	@Test
	void oneStatementLogsOneRowHoweverManyRatingsItTouches() throws SQLException {
		long user = user();
		long first = item();
		long second = item();
		long logged = queryLong("select count(*) from rating_changes");

		execute("insert into ratings (user_id, item_id, rating, rated_at) values (" + user + ", " + first
				+ ", 1, now()), (" + user + ", " + second + ", 2, now())");

		assertThat(queryLong("select count(*) from rating_changes")).isEqualTo(logged + 1);
	}

	@Test
	void truncateIsAChange() throws SQLException {
		// Its own database: truncating the shared one would remove other tests' data.
		JdbcDatabase own = TestDatabase.createEmpty().migrate();
		try (Connection connection = own.connect(); Statement statement = connection.createStatement()) {
			String before = snapshot(connection);

			statement.execute("truncate ratings");

			assertThat(changedSince(connection, before)).isTrue();
		}
	}

	@Test
	void rolledBackWriteIsNoChange() throws SQLException {
		String before = snapshot();

		try (Connection writer = uncommittedRating(user(), item(), 2)) {
			writer.rollback();
		}

		assertThat(changedSince(before)).isFalse();
	}

	@Test
	void writeInProgressWhenTheSnapshotWasTakenCountsOnceCommitted() throws SQLException {
		long user = user();
		try (Connection writer = uncommittedRating(user, item(), 5); Connection refit = database.connect()) {
			// The refit: reads ratings and takes its watermark in one REPEATABLE READ
			// transaction, while the write above is still uncommitted.
			refit.setAutoCommit(false);
			refit.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			long seen = queryLong(refit, "select count(*) from ratings where user_id = " + user);
			String watermark = snapshot(refit);

			writer.commit();

			// Repeatable read: the refit's snapshot, and so what it read, did not move.
			assertThat(snapshot(refit)).isEqualTo(watermark);
			assertThat(queryLong(refit, "select count(*) from ratings where user_id = " + user)).isEqualTo(seen)
				.isZero();
			refit.commit();
			assertThat(changedSince(watermark)).isTrue();
		}
	}

	@Test
	void uncommittedWriteIsNotYetAChange() throws SQLException {
		String before = snapshot();
		try (Connection writer = uncommittedRating(user(), item(), 5)) {
			assertThat(changedSince(before)).isFalse();

			writer.commit();
		}
		assertThat(changedSince(before)).isTrue();
	}

	private static long user() throws SQLException {
		return queryLong("insert into users (external_id) values ('u-" + UUID.randomUUID() + "') returning id");
	}

	private static long item() throws SQLException {
		return queryLong("insert into items (external_id) values ('i-" + UUID.randomUUID() + "') returning id");
	}

	private static void rate(long user, long item, float rating) throws SQLException {
		try (Connection connection = database.connect()) {
			rate(connection, user, item, rating);
		}
	}

	private static void rate(Connection connection, long user, long item, float rating) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("insert into ratings (user_id, item_id, rating, rated_at) values (?, ?, ?, now())")) {
			insert.setLong(1, user);
			insert.setLong(2, item);
			insert.setFloat(3, rating);
			insert.executeUpdate();
		}
	}

	/** A connection whose open transaction has inserted the rating and not committed. */
	private static Connection uncommittedRating(long user, long item, float rating) throws SQLException {
		Connection connection = database.connect();
		connection.setAutoCommit(false);
		rate(connection, user, item, rating);
		return connection;
	}

	private static String snapshot() throws SQLException {
		try (Connection connection = database.connect()) {
			return snapshot(connection);
		}
	}

	private static String snapshot(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select pg_current_snapshot()::text")) {
			result.next();
			return result.getString(1);
		}
	}

	private static boolean changedSince(String snapshot) throws SQLException {
		try (Connection connection = database.connect()) {
			return changedSince(connection, snapshot);
		}
	}

	private static boolean changedSince(Connection connection, String snapshot) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("select ratings_changed_since(?::pg_snapshot)")) {
			query.setString(1, snapshot);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long queryLong(String sql) throws SQLException {
		try (Connection connection = database.connect()) {
			return queryLong(connection, sql);
		}
	}

	private static long queryLong(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
