package io.mixrec.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mixrec.em.PlantedMixture;
import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.ServiceProcess;
import io.mixrec.testsupport.TcpProxy;
import io.mixrec.testsupport.TestDatabase;
import io.mixrec.testsupport.TestRatings;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three replicas of the service on one database, shared by every crash test of the run (a
 * JVM start costs 15 to 70 s on a busy two-core machine, so the tests restart only the
 * process they kill). They are started at the same moment on an empty database, so the
 * first test to use them also exercises concurrent migrations. Replica 3 reaches
 * PostgreSQL through a {@link TcpProxy} with a pool of {@value #PROXIED_POOL_SIZE}
 * connections, for the outage and pool exhaustion tests; the other two connect directly.
 *
 * <p>
 * Every replica has the short refit lease of {@link Refits#shortLease} and the quality
 * gate off: the tests add ratings between refits, and the gate is not what they test. The
 * database holds a planted data set of 200,000 ratings for the refits.
 */
final class Replicas {

	static final int PROXIED_POOL_SIZE = 2;

	private static Replicas shared;

	final JdbcDatabase database;

	final JdbcClient jdbc;

	final TcpProxy proxy;

	final long startupMillis;

	private final List<ServiceProcess> replicas = new ArrayList<>();

	private Replicas() {
		this.database = TestDatabase.createEmpty();
		this.jdbc = JdbcClient.create(this.database.dataSource());
		this.proxy = TcpProxy.to(this.database);
		for (int n = 1; n <= 3; n++) {
			ServiceProcess replica = Refits.shortLease(ServiceProcess.on("replica-" + n, this.database))
				.with("mixrec.refit.gate-enabled", "false");
			if (n == 3) {
				replica.database(this.proxy.url(this.database), this.database.username(), this.database.password())
					.with("spring.datasource.hikari.maximum-pool-size", Integer.toString(PROXIED_POOL_SIZE))
					.with("mixrec.model.reconnect-delay", "500ms")
					// the outage tests measure the pool: with the default concurrency
					// limit
					// (4 per processor), the requests stuck on the database would hold
					// every
					// turn and the excess would first queue for one
					.with("mixrec.web.max-concurrent-requests", "64");
			}
			this.replicas.add(replica);
		}
		long started = System.nanoTime();
		this.replicas.forEach(ServiceProcess::start);
		this.replicas.forEach((replica) -> replica.awaitHealthy(Duration.ofSeconds(240)));
		this.startupMillis = (System.nanoTime() - started) / 1_000_000;
		new TestRatings().planted("pm-", new PlantedMixture(4000, 500, 200_000, 4, 12))
			.insert(this.database.dataSource());
	}

	/**
	 * The replicas, started on first use, every one running and healthy.
	 * @return the replicas
	 */
	static synchronized Replicas healthy() {
		if (shared == null) {
			shared = new Replicas();
		}
		shared.ensureHealthy();
		return shared;
	}

	/**
	 * @param n 1, 2 or 3
	 * @return that replica
	 */
	ServiceProcess replica(int n) {
		return this.replicas.get(n - 1);
	}

	/**
	 * @return the replica behind the proxy
	 */
	ServiceProcess proxied() {
		return replica(3);
	}

	List<ServiceProcess> all() {
		return List.copyOf(this.replicas);
	}

	/** Undoes what a failed test may have left: an outage, a killed replica. */
	private void ensureHealthy() {
		this.proxy.resume();
		for (ServiceProcess replica : this.replicas) {
			if (!replica.isAlive()) {
				replica.start();
			}
		}
		for (ServiceProcess replica : this.replicas) {
			replica.awaitHealthy(Duration.ofSeconds(120));
		}
	}

}
