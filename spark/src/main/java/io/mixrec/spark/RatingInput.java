package io.mixrec.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.col;

/**
 * The ratings to fit as {@code user_id bigint, item_id bigint, rating float}: from the
 * service's {@code ratings} table in range partitions of {@code user_id}, or from a CSV
 * or Parquet file whose first three columns are those.
 *
 * @param ratings the ratings
 * @param watermark the database snapshot taken before the read (the version's watermark),
 * or null for a file
 */
record RatingInput(Dataset<Row> ratings, String watermark) {

	static RatingInput read(SparkSession spark, RefitSettings settings) {
		if (settings.input() != null) {
			Dataset<Row> raw = settings.format().equals("parquet") ? spark.read().parquet(settings.input())
					: spark.read().option("sep", settings.separator()).option("header", "false").csv(settings.input());
			String[] names = raw.columns();
			if (names.length < 3) {
				throw new IllegalArgumentException(settings.input() + " has " + names.length
						+ " columns; it needs user_id, item_id, rating first");
			}
			return new RatingInput(typed(raw, col(names[0]), col(names[1]), col(names[2])), null);
		}
		String watermark;
		long low;
		long high;
		// the snapshot before the partitioned reads: every rating changed since is
		// reported by ratings_changed_since(watermark), including those the reads may
		// have seen already
		try (Connection connection = connect(settings);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"select pg_current_snapshot()::text, coalesce(min(user_id), 0), coalesce(max(user_id), 0) from ratings")) {
			rs.next();
			watermark = rs.getString(1);
			low = rs.getLong(2);
			high = rs.getLong(3);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the ratings' key range: " + ex.getMessage(), ex);
		}
		Properties properties = properties(settings);
		properties.setProperty("fetchsize", "10000");
		Dataset<Row> table = spark.read()
			.jdbc(settings.jdbcUrl(), "(select user_id, item_id, rating from ratings) as r", "user_id", low, high + 1,
					settings.readPartitions(), properties);
		return new RatingInput(typed(table, col("user_id"), col("item_id"), col("rating")), watermark);
	}

	private static Dataset<Row> typed(Dataset<Row> raw, Column user, Column item, Column rating) {
		return raw.select(user.cast(DataTypes.LongType).as("user_id"), item.cast(DataTypes.LongType).as("item_id"),
				rating.cast(DataTypes.FloatType).as("rating"));
	}

	static Connection connect(RefitSettings settings) throws SQLException {
		return DriverManager.getConnection(settings.jdbcUrl(), properties(settings));
	}

	private static Properties properties(RefitSettings settings) {
		Properties properties = new Properties();
		properties.setProperty("user", settings.jdbcUser());
		properties.setProperty("password", settings.jdbcPassword());
		properties.setProperty("driver", "org.postgresql.Driver");
		return properties;
	}

}
