package io.mixrec.ratings;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/ratings/activity}: the dashboard's traffic plot. Counts come from the
 * {@code ratings} table itself (every instance's writes, across restarts), narrowed to
 * recent pages by a BRIN index on {@code updated_at}.
 */
@RestController
@Tag(name = "Dashboard", description = "What the operator dashboard (/dashboard) shows beyond the other endpoints")
class RatingActivityController {

	/** Above this many rows (PostgreSQL's estimate) the count is the estimate. */
	private static final long EXACT_COUNT_LIMIT = 1_000_000;

	private static final int HOURS = 48;

	private static final int DAYS = 30;

	private final JdbcClient jdbc;

	RatingActivityController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Operation(operationId = "getRatingActivity",
			summary = "Ratings stored, and written per hour (48 h) and per day (30 days)")
	@GetMapping("/admin/ratings/activity")
	RatingActivity activity() {
		long estimate = this.jdbc
			.sql("select greatest(reltuples, 0)::bigint from pg_class where oid = 'ratings'::regclass")
			.query(Long.class)
			.single();
		boolean estimated = estimate > EXACT_COUNT_LIMIT;
		long stored = estimated ? estimate : this.jdbc.sql("select count(*) from ratings").query(Long.class).single();
		Instant now = Instant.now();
		Instant hourStart = now.truncatedTo(ChronoUnit.HOURS).minus(HOURS - 1, ChronoUnit.HOURS);
		Instant dayStart = now.truncatedTo(ChronoUnit.DAYS).minus(DAYS - 1, ChronoUnit.DAYS);
		return new RatingActivity(stored, estimated, buckets("hour", hourStart, HOURS, ChronoUnit.HOURS),
				buckets("day", dayStart, DAYS, ChronoUnit.DAYS));
	}

	private List<RatingActivity.Bucket> buckets(String unit, Instant from, int count, ChronoUnit step) {
		Map<Instant, Long> counts = new HashMap<>();
		this.jdbc.sql("""
				select date_trunc(?, updated_at, 'UTC') as start, count(*) as ratings
				from ratings where updated_at >= ? group by 1
				""").params(unit, Timestamp.from(from)).query((rs) -> {
			counts.put(rs.getTimestamp("start").toInstant(), rs.getLong("ratings"));
		});
		List<RatingActivity.Bucket> buckets = new ArrayList<>(count);
		for (int k = 0; k < count; k++) {
			Instant start = from.plus(k, step);
			buckets.add(new RatingActivity.Bucket(start, counts.getOrDefault(start, 0L)));
		}
		return buckets;
	}

}
