package io.mixrec.ratings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether there is anything to fit: the refit scheduler's questions about the ratings,
 * answered by their owner. The change check reads {@code rating_changes} through
 * {@code ratings_changed_since} (schema V1), which is exact for a watermark taken where
 * {@link RatingLoader} takes it.
 */
@Component
public class RatingChanges {

	private final JdbcClient jdbc;

	RatingChanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether no rating is stored
	 */
	public boolean noRatings() {
		return !this.jdbc.sql("select exists (select 1 from ratings)").query(Boolean.class).single();
	}

	/**
	 * @param watermark the {@link LoadedRatings#watermark()} of a fit
	 * @return whether any rating was added, changed or deleted by a transaction the fit's
	 * snapshot did not see
	 */
	public boolean changedSince(String watermark) {
		return this.jdbc.sql("select ratings_changed_since(?::pg_snapshot)")
			.param(watermark)
			.query(Boolean.class)
			.single();
	}

}
