/**
 * The EM engine: sparse Gaussian-mixture fitting on a partially observed user x item
 * rating matrix, and the inference used to serve recommendations from a fitted model.
 *
 * <p>
 * Pure Java: no framework, persistence or I/O imports (an architecture test enforces it).
 * Everything is primitive and flat so that one iteration costs O(ratings x clusters).
 */
@NullMarked
package io.mixrec.em;

import org.jspecify.annotations.NullMarked;
