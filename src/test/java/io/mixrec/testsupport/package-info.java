/**
 * Test infrastructure shared by every test that needs PostgreSQL:
 * {@link io.mixrec.testsupport.MixrecIntegrationTest} for whole-application tests and
 * {@link io.mixrec.testsupport.TestDatabase} for plain JDBC tests. Both use the same
 * per-run database.
 */
@NullMarked
package io.mixrec.testsupport;

import org.jspecify.annotations.NullMarked;
