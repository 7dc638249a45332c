/**
 * Ratings ingestion: single upserts, JSON batches and bulk CSV import (PostgreSQL
 * {@code COPY} into a staging table, then one set-based upsert), item metadata, and the
 * reads of a user's ratings. Last write wins by {@code ratedAt}; every change is visible
 * to the refit's {@code ratings_changed_since} check through the schema's triggers.
 * Persistence is plain JDBC: these are the hot write paths.
 * <p>
 * Owns the tables {@code users}, {@code items}, {@code ratings} and
 * {@code rating_changes}; other features use its APIs instead of SQL:
 * {@link io.mixrec.ratings.RatingLoader} (every rating for a fit),
 * {@link io.mixrec.ratings.RatingChanges} (anything to fit?),
 * {@link io.mixrec.ratings.ItemCatalogue} (item ids and titles by key) and
 * {@link io.mixrec.ratings.UserRatingsReader} (one user's ratings).
 */
@NullMarked
package io.mixrec.ratings;

import org.jspecify.annotations.NullMarked;
