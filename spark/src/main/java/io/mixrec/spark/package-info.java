/**
 * The refit on Apache Spark: the engine's mixture EM ({@link io.mixrec.em.DistributedEm})
 * with the users partitioned across executors, writing a candidate model version to the
 * service's tables.
 */
package io.mixrec.spark;
