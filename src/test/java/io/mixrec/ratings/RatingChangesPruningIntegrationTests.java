package io.mixrec.ratings;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rating_changes} is pruned when a model version records its watermark: the rows
 * the watermark makes unreadable go, the ones after it stay, and the change check answers
 * as before.
 */
class RatingChangesPruningIntegrationTests {

	private final JdbcClient jdbc = JdbcClient.create(TestDatabase.createEmpty().migrate().dataSource());

	@Test
	void recordingAWatermarkDeletesTheChangesItCovers() {
		for (int i = 0; i < 5; i++) {
			write("u" + i);
		}
		long version = this.jdbc.sql("""
				insert into model_versions (status, trigger, options, seed, clusters, owner)
				values ('running', 'admin', '{}', 1, 2, 'test') returning version
				""").query(Long.class).single();
		String watermark = this.jdbc.sql("select pg_current_snapshot()::text").query(String.class).single();
		write("later");
		assertThat(changes()).isEqualTo(6);

		this.jdbc.sql("update model_versions set watermark = ?::pg_snapshot, status = 'succeeded' where version = ?")
			.params(watermark, version)
			.update();

		// The rows below the watermark's xmin go. On a quiet server that is all five
		// earlier writes; a transaction open elsewhere in the cluster when the watermark
		// was taken lowers its xmin, and the rows after it must then stay.
		long below = this.jdbc.sql("select count(*) from rating_changes where txid < pg_snapshot_xmin(?::pg_snapshot)")
			.param(watermark)
			.query(Long.class)
			.single();
		assertThat(below).isZero();
		long kept = this.jdbc.sql("select count(*) from rating_changes where txid >= pg_snapshot_xmin(?::pg_snapshot)")
			.param(watermark)
			.query(Long.class)
			.single();
		assertThat(changes()).isEqualTo(kept).isBetween(1L, 6L);
		assertThat(changedSince(watermark)).isTrue();
		String now = this.jdbc.sql("select pg_current_snapshot()::text").query(String.class).single();
		assertThat(changedSince(now)).isFalse();
	}

	private void write(String user) {
		this.jdbc.sql("insert into users (external_id) values (?) on conflict do nothing").param(user).update();
		this.jdbc.sql("insert into items (external_id) values ('i') on conflict do nothing").update();
		this.jdbc.sql("""
				insert into ratings (user_id, item_id, rating, rated_at)
				select u.id, i.id, 4, now() from users u, items i where u.external_id = ? and i.external_id = 'i'
				""").param(user).update();
	}

	private long changes() {
		return this.jdbc.sql("select count(*) from rating_changes").query(Long.class).single();
	}

	private boolean changedSince(String snapshot) {
		return this.jdbc.sql("select ratings_changed_since(?::pg_snapshot)")
			.param(snapshot)
			.query(Boolean.class)
			.single();
	}

}
