/**
 * Offline evaluation of recommenders on a train/test split: rating accuracy (RMSE, MAE)
 * and top-N quality (precision, recall, NDCG) under the protocol of design.md 1.2, and
 * the simple baselines every mixture model must beat.
 *
 * <p>
 * Pure Java like the engine it measures: no framework or I/O imports.
 */
@NullMarked
package io.mixrec.em.eval;

import org.jspecify.annotations.NullMarked;
