/**
 * Refits: loading every rating from PostgreSQL into the engine's matrix, fitting,
 * evaluating on held-out ratings, storing and publishing the model, one run at a time
 * across all instances, on a schedule or on request; and the admin endpoints that
 * trigger, follow and cancel refits; and the same quality gate for versions fitted
 * outside the service (the refit on Spark), by itself or on request. Owns the run side of
 * {@code model_versions}: the lease, heartbeat, progress, cancel request and outcome of
 * each run and each gate.
 */
@NullMarked
package io.mixrec.refit;

import org.jspecify.annotations.NullMarked;
