package io.mixrec.refit;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One renewal of the lease of whatever holds the refit lock (a refit's run, a gate): the
 * heartbeat's answer says whether a cancel was requested, from any instance, or whether
 * the row was taken away because the lease expired; either way the work is asked to stop.
 * A renewal that fails is only logged: the database may be unreachable for a moment, and
 * if it stays so, the lease expires.
 */
final class LeaseRenewal {

	private static final Logger logger = LoggerFactory.getLogger(LeaseRenewal.class);

	private LeaseRenewal() {
	}

	/**
	 * @param holder what holds the lease, for the log
	 * @param heartbeat renews the lease: whether a cancel was requested, or empty when
	 * the lease was lost
	 * @param stop asks the work to stop, with the reason
	 * @param lost the reason when the lease was lost
	 */
	static void renew(String holder, Supplier<Optional<Boolean>> heartbeat, Consumer<String> stop, String lost) {
		try {
			heartbeat.get().ifPresentOrElse((cancel) -> {
				if (cancel) {
					stop.accept("cancel requested");
				}
			}, () -> stop.accept(lost));
		}
		catch (RuntimeException ex) {
			logger.warn("{} heartbeat failed: {}", holder, ex.getMessage());
		}
	}

}
