/**
 * Refits: loading every rating from PostgreSQL into the engine's matrix, fitting,
 * evaluating on held-out ratings, storing and publishing the model, one run at a time
 * across all instances, on a schedule or on request.
 */
@NullMarked
package io.mixrec.refit;

import org.jspecify.annotations.NullMarked;
