package io.mixrec.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises failures that mean "no database right now" rather than a bug, wherever they
 * surface: Spring's translated exceptions, or a raw driver or pool exception wrapped in
 * something else (Hibernate, a feature's own exception). They are answered with 503 and
 * {@code Retry-After}, so that clients and load balancers retry instead of reporting a
 * server error.
 */
final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/**
	 * @param failure what a request failed with
	 * @return why the database could not serve it, or null when the failure is of another
	 * kind
	 */
	static @Nullable Kind classify(Throwable failure) {
		boolean unavailable = false;
		Throwable cause = failure;
		// Bounded: a cause chain can contain a cycle.
		for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException timeout && timeout.getCause() == null
					&& timeout.getSQLState() == null) {
				// HikariCP's "Connection is not available, request timed out" without an
				// underlying connection failure: the server is fine, every connection is
				// busy.
				return Kind.POOL_EXHAUSTED;
			}
			unavailable |= cause instanceof CannotGetJdbcConnectionException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| (cause instanceof SQLException sql
							&& (isConnectionState(sql.getSQLState()) || isEvictedConnection(sql)));
		}
		return unavailable ? Kind.UNAVAILABLE : null;
	}

	/**
	 * HikariCP closes a connection that failed with a connection error and answers every
	 * later call on it with this exception, without SQLSTATE. It is what a transaction
	 * manager's rollback throws after the statement lost its connection, and it replaces
	 * the original failure ("Application exception overridden by rollback exception").
	 */
	private static boolean isEvictedConnection(SQLException ex) {
		return ex.getClass() == SQLException.class && ex.getSQLState() == null
				&& "Connection is closed".equals(ex.getMessage());
	}

	/**
	 * SQLSTATE class 08 (connection exception), and 57P01 to 57P03: the server is
	 * shutting down, crashed, or is still starting.
	 */
	private static boolean isConnectionState(@Nullable String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

	/** Why the database could not serve a request. */
	enum Kind {

		/** The server is unreachable, restarting or failing. */
		UNAVAILABLE("The database is unavailable. Retry later.", 5),

		/** Every pooled connection stayed in use for the pool's connection timeout. */
		POOL_EXHAUSTED("The service is busy: every database connection is in use. Retry later.", 1);

		private final String detail;

		private final int retryAfterSeconds;

		Kind(String detail, int retryAfterSeconds) {
			this.detail = detail;
			this.retryAfterSeconds = retryAfterSeconds;
		}

		/**
		 * @return the problem's detail, safe for clients (no host names or SQL)
		 */
		String detail() {
			return this.detail;
		}

		/**
		 * @return the {@code Retry-After} value in seconds
		 */
		int retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

	}

}
