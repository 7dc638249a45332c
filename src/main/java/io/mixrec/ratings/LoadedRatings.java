package io.mixrec.ratings;

import io.mixrec.em.RatingMatrix;

/**
 * Every rating of the database as the engine's matrix.
 *
 * @param matrix users x items; rows are users with at least one rating
 * @param userKeys {@code users.id} of each row
 * @param itemKeys {@code items.id} of each column
 * @param watermark {@code pg_current_snapshot()} of the transaction that read them
 * @param loadNanos how long reading took
 */
public record LoadedRatings(RatingMatrix matrix, long[] userKeys, long[] itemKeys, String watermark, long loadNanos) {

}
