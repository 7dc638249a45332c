/**
 * Where the service's PostgreSQL comes from: the server named by
 * {@code spring.datasource.url}, or, when none is configured, an embedded PostgreSQL that
 * the service starts itself with its data in a local directory (single-machine mode).
 * Also the one encoder of PostgreSQL's binary {@code COPY} format
 * ({@link io.mixrec.database.BinaryCopyWriter}), with which the imports stage their rows.
 */
@NullMarked
package io.mixrec.database;

import org.jspecify.annotations.NullMarked;
