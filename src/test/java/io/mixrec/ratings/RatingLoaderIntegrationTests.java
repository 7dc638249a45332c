package io.mixrec.ratings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.mixrec.em.PlantedMixture;
import io.mixrec.em.RatingMatrix;
import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.TestDatabase;
import io.mixrec.testsupport.TestRatings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader reads exactly the ratings table, on a database nobody else writes. */
class RatingLoaderIntegrationTests {

	private static DataSource dataSource;

	private static JdbcClient jdbc;

	@BeforeAll
	static void createDatabase() {
		JdbcDatabase database = TestDatabase.createEmpty().migrate();
		dataSource = database.dataSource();
		jdbc = JdbcClient.create(dataSource);
		new TestRatings().planted("load-", new PlantedMixture(500, 150, 9000, 3, 4)).insert(dataSource);
	}

	@Test
	void loadsEveryRatingIntoTheMatrixWithItsItemIds() {
		LoadedRatings loaded = new RatingLoader(dataSource).load();
		RatingMatrix matrix = loaded.matrix();
		assertThat(matrix.ratings()).isEqualTo(9000);
		assertThat(loaded.itemKeys()).hasSize(matrix.items()).doesNotHaveDuplicates().isSorted();
		// each matrix row is some user's ratings: compare the rows as (item id, value)
		// sets
		List<String> rows = new ArrayList<>();
		for (int u = 0; u < matrix.users(); u++) {
			List<String> cells = new ArrayList<>();
			for (int p = matrix.start(u); p < matrix.end(u); p++) {
				cells.add(loaded.itemKeys()[matrix.item(p)] + "=" + matrix.value(p));
			}
			Collections.sort(cells);
			rows.add(String.join(",", cells));
		}
		Map<Long, List<String>> byUser = new HashMap<>();
		jdbc.sql("select user_id, item_id, rating from ratings").query((rs) -> {
			byUser.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(rs.getLong(2) + "=" + rs.getFloat(3));
		});
		List<String> users = new ArrayList<>();
		for (List<String> cells : byUser.values()) {
			Collections.sort(cells);
			users.add(String.join(",", cells));
		}
		Collections.sort(rows);
		Collections.sort(users);
		assertThat(rows).isEqualTo(users);
	}

	@Test
	void theWatermarkSeesLaterChanges() {
		LoadedRatings loaded = new RatingLoader(dataSource).load();
		assertThat(changedSince(loaded.watermark())).isFalse();
		new TestRatings().add("load-late", "load-i1", 2).insert(dataSource);
		assertThat(changedSince(loaded.watermark())).isTrue();
		assertThat(new RatingLoader(dataSource).load().matrix().ratings()).isEqualTo(9001);
		jdbc.sql("delete from ratings where user_id = (select id from users where external_id = 'load-late')").update();
	}

	private static boolean changedSince(String watermark) {
		return jdbc.sql("select ratings_changed_since(?::pg_snapshot)").param(watermark).query(Boolean.class).single();
	}

}
