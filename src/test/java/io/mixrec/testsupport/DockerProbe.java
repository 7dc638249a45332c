package io.mixrec.testsupport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether a Docker engine is reachable, without ever failing or
 * hanging the test run: any error means "no", and so does no answer within the timeout (a
 * half-configured remote {@code DOCKER_HOST} can otherwise stall for a long time).
 */
final class DockerProbe {

	private DockerProbe() {
	}

	static boolean isDockerAvailable(Duration timeout) {
		CompletableFuture<Boolean> probe = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				probe.complete(DockerClientFactory.instance().isDockerAvailable());
			}
			catch (Throwable ex) {
				probe.complete(false);
			}
		}, "mixrec-docker-probe");
		thread.setDaemon(true);
		thread.start();
		try {
			return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
