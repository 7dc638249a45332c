/**
 * Recommendations: top-N items, predicted ratings with their uncertainty and the clusters
 * behind them, from the active model and each user's ratings as they are at request time
 * (folded in per request, no refit needed).
 */
@NullMarked
package io.mixrec.recommend;

import org.jspecify.annotations.NullMarked;
