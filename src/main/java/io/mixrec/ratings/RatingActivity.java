package io.mixrec.ratings;

import java.time.Instant;
import java.util.List;

/**
 * How many ratings the service holds and how many were written lately.
 *
 * @param stored ratings stored now
 * @param storedEstimated whether {@code stored} is PostgreSQL's estimate (tables of more
 * than a million rows, where an exact count would read the whole table)
 * @param hourly ratings per hour of the last 48 hours (UTC), oldest first, by the time of
 * their latest write; ratings deleted or overwritten since count where they are now
 * @param daily the same per day of the last 30 days (UTC)
 */
public record RatingActivity(long stored, boolean storedEstimated, List<Bucket> hourly, List<Bucket> daily) {

	/**
	 * Ratings written in one hour or day.
	 *
	 * @param start the start of the hour or day (UTC)
	 * @param ratings ratings whose latest write falls into it
	 */
	public record Bucket(Instant start, long ratings) {
	}

}
