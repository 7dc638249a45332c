/**
 * Model versions: the stored parameters of every fitted model, which version serves, the
 * in-memory snapshot of the active model that every instance keeps up to date, and the
 * admin endpoints that list, inspect and activate versions. Owns the parameter tables,
 * {@code active_model} and {@code model_activations}, and the version side of
 * {@code model_versions} ({@link io.mixrec.model.ModelStore}); the refit writes the run
 * side of that row.
 */
@NullMarked
package io.mixrec.model;

import org.jspecify.annotations.NullMarked;
