package io.mixrec.ratings;

import java.time.Duration;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Rules and limits of ratings ingestion ({@code mixrec.ratings.*}).
 *
 * @param min the lowest valid rating (0.5 to 5 in steps of 0.5 by default: both MovieLens
 * scales, whole stars and half stars)
 * @param max the highest valid rating
 * @param step the rating grid: valid ratings are {@code min + k * step}; {@code 0} allows
 * any value between min and max
 * @param maxFutureSkew how far in the future a {@code ratedAt} may lie (clients' clocks
 * are not exact); later timestamps are rejected, since they would win every later write
 * @param earliestRatedAt the earliest accepted {@code ratedAt}; earlier ones are rejected
 * as absurd
 * @param maxBatchSize the most elements in one {@code POST /ratings} batch
 * @param maxRetries how many times a write that lost a deadlock or a serialization
 * conflict to a concurrent writer is retried before the request fails with 503
 * @param maxReportedLines how many bad lines of a CSV import (or bad elements of a batch)
 * the response lists; all of them are counted
 * @param maxLineBytes the longest accepted CSV line; longer lines are bad lines
 * @param importWorkMem PostgreSQL's {@code work_mem} for the merge of a CSV import (set
 * for its transaction only): memory for each sort and hash of the staged rows before they
 * spill to temporary files
 * @param defaultPageSize the page size of {@code GET /users/{userId}/ratings} when the
 * client gives none
 * @param maxPageSize the largest page size a client may ask for
 * @param maxAttributesBytes the largest {@code attributes} of an item, as compact JSON
 * (UTF-8); larger ones are rejected, since every reader of the item gets them back
 */
@ConfigurationProperties("mixrec.ratings")
@Validated
public record RatingsProperties(@DefaultValue("0.5") double min, @DefaultValue("5") double max,
		@DefaultValue("0.5") @Min(0) double step, @DefaultValue("1d") Duration maxFutureSkew,
		@DefaultValue("1970-01-01T00:00:00Z") Instant earliestRatedAt,
		@DefaultValue("10000") @Min(1) @Max(1_000_000) int maxBatchSize,
		@DefaultValue("5") @Min(0) @Max(100) int maxRetries, @DefaultValue("100") @Min(1) int maxReportedLines,
		@DefaultValue("1MB") DataSize maxLineBytes, @DefaultValue("64MB") DataSize importWorkMem,
		@DefaultValue("100") @Min(1) int defaultPageSize, @DefaultValue("1000") @Min(1) int maxPageSize,
		@DefaultValue("64KB") DataSize maxAttributesBytes) {

	/** PostgreSQL's timestamptz starts in 4713 BC; stay well inside it. */
	private static final Instant EARLIEST_SUPPORTED = Instant.parse("0001-01-01T00:00:00Z");

	/**
	 * Checks the relations between the values that annotations cannot express.
	 */
	public RatingsProperties {
		require(Double.isFinite(min) && Double.isFinite(max) && min < max,
				"mixrec.ratings.min (" + min + ") must be less than mixrec.ratings.max (" + max + ")");
		require(Double.isFinite(step), "mixrec.ratings.step must be finite, not " + step);
		require(!maxFutureSkew.isNegative() && maxFutureSkew.compareTo(Duration.ofDays(3650)) <= 0,
				"mixrec.ratings.max-future-skew must be between 0 and 3650 days, not " + maxFutureSkew);
		require(!earliestRatedAt.isBefore(EARLIEST_SUPPORTED), "mixrec.ratings.earliest-rated-at must not be before "
				+ EARLIEST_SUPPORTED + ", not " + earliestRatedAt);
		require(maxLineBytes.toBytes() >= 1024 && maxLineBytes.toBytes() <= 64 * 1024 * 1024,
				"mixrec.ratings.max-line-bytes must be between 1KB and 64MB, not " + maxLineBytes);
		require(importWorkMem.toKilobytes() >= 64 && importWorkMem.toGigabytes() < 2,
				"mixrec.ratings.import-work-mem must be between 64KB and 2GB, not " + importWorkMem);
		require(maxAttributesBytes.toBytes() >= 2 && maxAttributesBytes.toBytes() <= 16 * 1024 * 1024,
				"mixrec.ratings.max-attributes-bytes must be between 2 bytes and 16MB, not " + maxAttributesBytes);
		require(defaultPageSize <= maxPageSize, "mixrec.ratings.default-page-size (" + defaultPageSize
				+ ") must not exceed mixrec.ratings.max-page-size (" + maxPageSize + ")");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
