/**
 * Crash and outage tests: the service runs as separate processes from the packaged jar
 * ({@link io.mixrec.testsupport.ServiceProcess}) and is killed, frozen, started
 * concurrently, cut off from PostgreSQL ({@link io.mixrec.testsupport.TcpProxy}) or
 * starved of connections, and every test checks the data and the service afterwards.
 */
@NullMarked
package io.mixrec.crash;

import org.jspecify.annotations.NullMarked;
