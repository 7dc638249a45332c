/**
 * Where the service's PostgreSQL comes from: the server named by
 * {@code spring.datasource.url}, or, when none is configured, an embedded PostgreSQL that
 * the service starts itself with its data in a local directory (single-machine mode).
 */
@NullMarked
package io.mixrec.database;

import org.jspecify.annotations.NullMarked;
