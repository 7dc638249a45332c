/**
 * Tests of the embedded PostgreSQL of the single-machine mode.
 */
@NullMarked
package io.mixrec.database;

import org.jspecify.annotations.NullMarked;
