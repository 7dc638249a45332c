package io.mixrec.database;

/**
 * The embedded PostgreSQL cannot run here; the message says why and {@link #action()}
 * what to do instead ({@link EmbeddedDatabaseFailureAnalyzer} shows both when the service
 * fails to start).
 */
public class EmbeddedDatabaseException extends RuntimeException {

	private final String action;

	EmbeddedDatabaseException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	EmbeddedDatabaseException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * @return what the user can do about it
	 */
	public String action() {
		return this.action;
	}

}
