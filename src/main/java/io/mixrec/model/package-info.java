/**
 * Model versions: the stored parameters of every fitted model, which version serves, and
 * the in-memory snapshot of the active model that every instance keeps up to date.
 */
@NullMarked
package io.mixrec.model;

import org.jspecify.annotations.NullMarked;
