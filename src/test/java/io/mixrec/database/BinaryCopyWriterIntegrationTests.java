package io.mixrec.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mixrec.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static org.assertj.core.api.Assertions.assertThat;

/** What the writer encodes, PostgreSQL reads back as the values it was given. */
class BinaryCopyWriterIntegrationTests {

	@Test
	void copiesEveryTypeIntoARealTable() throws SQLException {
		String large = "é".repeat(5000);
		try (Connection connection = TestDatabase.shared().connect();
				Statement statement = connection.createStatement()) {
			statement.execute("create temp table copied (id bigint, name text, attributes jsonb, rating real,"
					+ " rated_at timestamptz)");
			// A small buffer, so that rows and values cross buffer boundaries.
			BinaryCopyWriter writer = new BinaryCopyWriter(() -> connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy copied (id, name, attributes, rating, rated_at) from stdin (format binary)"), 64);
			byte[] line = "1,user-😀,4.5".getBytes(StandardCharsets.UTF_8);
			row(writer, 1, line, 2, 11, "{\"genres\": [\"Drama\"]}", 4.5f,
					Instant.parse("2026-01-02T03:04:05.123456Z"));
			byte[] big = large.getBytes(StandardCharsets.UTF_8);
			row(writer, -7, big, 0, big.length, null, 0.1f, Instant.parse("1970-01-01T00:00:00Z"));
			writer.row(5);
			writer.int8(Long.MAX_VALUE);
			writer.text(null);
			writer.jsonb(null);
			writer.float4(Float.MIN_VALUE);
			writer.timestamptz(-1);

			assertThat(writer.finish()).isEqualTo(3);

			List<String> rows = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("select id, name, attributes::text, rating,"
					+ " to_char(rated_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') from copied order by id")) {
				while (rs.next()) {
					String name = rs.getString(2);
					rows.add(rs.getLong(1) + "|"
							+ ((name != null && name.length() > 20) ? name.length() + " chars" : name) + "|"
							+ rs.getString(3) + "|" + rs.getFloat(4) + "|" + rs.getString(5));
				}
			}
			assertThat(rows).containsExactly("-7|5000 chars|null|0.1|1970-01-01T00:00:00.000000",
					"1|user-😀|{\"genres\": [\"Drama\"]}|4.5|2026-01-02T03:04:05.123456",
					Long.MAX_VALUE + "|null|null|" + Float.MIN_VALUE + "|1969-12-31T23:59:59.999999");
			try (ResultSet rs = statement.executeQuery("select name = repeat('é', 5000) from copied where id = -7")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getBoolean(1)).isTrue();
			}
		}
	}

	private static void row(BinaryCopyWriter writer, long id, byte[] text, int start, int end, String json,
			float rating, Instant ratedAt) throws SQLException {
		writer.row(5);
		writer.int8(id);
		writer.text(text, start, end);
		writer.jsonb((json != null) ? json.getBytes(StandardCharsets.UTF_8) : null);
		writer.float4(rating);
		writer.timestamptz(ratedAt.getEpochSecond() * 1_000_000 + ratedAt.getNano() / 1000);
	}

}
