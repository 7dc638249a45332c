package io.mixrec.ratings;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.mixrec.database.BinaryCopyWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * The plumbing of the CSV imports, in one transaction, the same for ratings and items:
 * the request body is parsed and validated record by record as it arrives
 * ({@link ImportParser}) and the valid records go straight into a temporary staging table
 * through binary {@code COPY} ({@link BinaryCopyWriter}), so that neither the body nor
 * the rows are ever held in memory. The transaction begins only when the first buffer of
 * rows is sent, so that a bad body is rejected without database work. Then the
 * {@link StagingTable}'s set-based statements merge the staging table into the owned
 * tables. Everything or nothing is imported.
 *
 * <p>
 * Writers that touch the same keys wait for each other in one global key order, so the
 * merge rarely loses a deadlock; when it does, only the merge is rolled back (to a
 * savepoint) and run again, since the request body cannot be read twice.
 */
@Component
class StagedImport {

	/**
	 * From this many rows on, the planner's statistics need refreshing; below it, its
	 * guesses are good enough. The staging table is analysed before the merge once it
	 * holds this many rows, and the written tables after an import that wrote this many:
	 * their statistics would otherwise describe the tables as they were before (or as
	 * empty, after a first bulk load) until autovacuum catches up, if it runs at all, and
	 * the serving read of a user's ratings then sorts a bitmap scan instead of walking
	 * the primary key.
	 */
	static final long ANALYZE_AFTER_ROWS = 10_000;

	private static final int COPY_BUFFER_BYTES = 256 * 1024;

	private static final Log log = LogFactory.getLog(StagedImport.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final PlatformTransactionManager transactions;

	private final TransientFailures retries;

	private final RatingsProperties properties;

	private final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

	StagedImport(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions,
			TransientFailures retries, RatingsProperties properties) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.retries = retries;
		this.properties = properties;
	}

	/**
	 * Run an import.
	 * @param parser the body's parser, before its layout is read
	 * @param onError what to do with bad records
	 * @param table where the records are staged and how they are merged
	 * @return what the import did
	 * @throws UnreadableInputException if the layout cannot be used or told, or the body
	 * cannot be read to its end
	 * @throws InvalidImportException for bad records under {@link OnError#REJECT}
	 */
	ImportReport run(ImportParser<?> parser, OnError onError, StagingTable table) {
		long started = System.nanoTime();
		Tally tally = new Tally(this.properties.maxReportedLines());
		WriteCounts counts;
		try {
			counts = load(parser, onError, table, tally);
		}
		catch (ImportRejected ex) {
			throw new InvalidImportException(tally.errors, tally.bad, tally.rowsRead);
		}
		if (counts.inserted() + counts.updated() >= ANALYZE_AFTER_ROWS) {
			analyzeWrittenTables(table);
		}
		return new ImportReport(tally.rowsRead, counts.inserted(), counts.updated(), counts.unchanged(), tally.bad,
				millis(started, System.nanoTime()), (onError == OnError.SKIP) ? List.copyOf(tally.errors) : null);
	}

	private WriteCounts load(ImportParser<?> parser, OnError onError, StagingTable table, Tally tally) {
		StagingTransaction staging = new StagingTransaction(table);
		try {
			long staged = stage(staging, parser, onError, tally);
			if (tally.bad > 0 && onError == OnError.REJECT) {
				throw new ImportRejected();
			}
			if (!staging.begun()) {
				return new WriteCounts(0, 0, 0);
			}
			long merging = System.nanoTime();
			WriteCounts applied = (staged > 0) ? merge(staging.connection(), table, staged) : new WriteCounts(0, 0, 0);
			staging.commit();
			if (log.isInfoEnabled()) {
				log.info("Imported " + staged + " rows through " + table.name() + " (" + applied.inserted()
						+ " inserted, " + applied.updated() + " updated, " + tally.bad + " bad): staging "
						+ millis(tally.started, merging) + " ms, merge " + millis(merging, System.nanoTime()) + " ms");
			}
			return new WriteCounts(applied.inserted(), applied.updated(),
					staged - applied.inserted() - applied.updated());
		}
		finally {
			staging.rollbackUnlessCommitted();
		}
	}

	private long stage(StagingTransaction staging, ImportParser<?> parser, OnError onError, Tally tally) {
		BinaryCopyWriter writer = new BinaryCopyWriter(staging::openCopy, COPY_BUFFER_BYTES);
		try {
			parser.readLayout();
			boolean writing = true;
			while (parser.next()) {
				tally.rowsRead++;
				String problem = parser.problem();
				if (problem != null) {
					tally.bad(parser.line(), parser.problemField(), problem);
					// Under reject nothing will be imported: read on only to report.
					writing = onError == OnError.SKIP;
				}
				else if (writing) {
					parser.copyTo(writer);
				}
			}
			return writing ? writer.finish() : 0;
		}
		catch (SQLException ex) {
			throw translate("COPY into the staging table", ex);
		}
		catch (IOException ex) {
			throw new UnreadableInputException("The request body could not be read to its end.");
		}
		finally {
			writer.cancel();
		}
	}

	private WriteCounts merge(Connection connection, StagingTable table, long staged) {
		if (staged >= ANALYZE_AFTER_ROWS) {
			this.jdbc.sql("analyze " + table.name()).update();
		}
		// For this transaction only: the merge sorts and hashes the whole file, and the
		// server's default work_mem (4 MB) sends every large import through temp files.
		this.jdbc.sql("select set_config('work_mem', ?, true)")
			.param(this.properties.importWorkMem().toKilobytes() + "kB")
			.query(String.class)
			.single();
		List<String> statements = table.merge();
		String counting = statements.get(statements.size() - 1);
		// A savepoint per attempt: a retry repeats the merge, not the COPY before it.
		return this.retries.retry(Source.IMPORT, () -> {
			Savepoint savepoint = savepoint(connection);
			try {
				for (String statement : statements.subList(0, statements.size() - 1)) {
					this.jdbc.sql(statement).update();
				}
				WriteCounts counts = this.jdbc.sql(counting)
					.query((rs, row) -> new WriteCounts(rs.getLong("inserted"), rs.getLong("updated"), 0))
					.single();
				connection.releaseSavepoint(savepoint);
				return counts;
			}
			catch (RuntimeException | SQLException ex) {
				if (TransientFailures.isTransient(ex)) {
					rollback(connection, savepoint);
				}
				throw (ex instanceof SQLException sql) ? translate("merge", sql) : (RuntimeException) ex;
			}
		});
	}

	/**
	 * Refreshes the planner statistics after the import committed. Not part of the
	 * import: a failure is logged and the import still succeeds.
	 */
	private void analyzeWrittenTables(StagingTable table) {
		long started = System.nanoTime();
		try {
			this.jdbc.sql(table.analyzeWritten()).update();
			if (log.isInfoEnabled()) {
				log.info("Analysed the tables written through " + table.name() + " in "
						+ millis(started, System.nanoTime()) + " ms");
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not analyse the tables after an import; the planner keeps its old statistics", ex);
		}
	}

	private Savepoint savepoint(Connection connection) {
		try {
			return connection.setSavepoint();
		}
		catch (SQLException ex) {
			throw translate("savepoint", ex);
		}
	}

	private void rollback(Connection connection, Savepoint savepoint) {
		try {
			connection.rollback(savepoint);
		}
		catch (SQLException ex) {
			throw translate("rollback to savepoint", ex);
		}
	}

	private RuntimeException translate(String task, SQLException ex) {
		RuntimeException translated = this.translator.translate(task, null, ex);
		return (translated != null) ? translated : new IllegalStateException(task + " failed", ex);
	}

	private static long millis(long fromNanos, long toNanos) {
		return Duration.ofNanos(toNanos - fromNanos).toMillis();
	}

	/**
	 * The import's transaction, begun only when the first staged rows have to be sent to
	 * the server: a body rejected within its first buffer of rows never takes a
	 * connection from the pool. Its statements run through {@link #jdbc} on the
	 * transaction's connection, which the transaction manager binds to this thread.
	 */
	private final class StagingTransaction {

		private final StagingTable table;

		private @Nullable TransactionStatus status;

		private @Nullable Connection connection;

		StagingTransaction(StagingTable table) {
			this.table = table;
		}

		CopyIn openCopy() throws SQLException {
			this.status = StagedImport.this.transactions.getTransaction(TransactionDefinition.withDefaults());
			Connection open = DataSourceUtils.getConnection(StagedImport.this.dataSource);
			this.connection = open;
			StagedImport.this.jdbc.sql(this.table.create()).update();
			return open.unwrap(PGConnection.class).getCopyAPI().copyIn(this.table.copy());
		}

		boolean begun() {
			return this.status != null;
		}

		Connection connection() {
			Connection open = this.connection;
			if (open == null) {
				throw new IllegalStateException("The staging transaction has not begun");
			}
			return open;
		}

		void commit() {
			TransactionStatus begun = this.status;
			if (begun != null) {
				release();
				StagedImport.this.transactions.commit(begun);
			}
		}

		void rollbackUnlessCommitted() {
			TransactionStatus begun = this.status;
			if (begun != null && !begun.isCompleted()) {
				release();
				StagedImport.this.transactions.rollback(begun);
			}
		}

		private void release() {
			// The transaction's connection: this only hands it back to the transaction.
			DataSourceUtils.releaseConnection(this.connection, StagedImport.this.dataSource);
			this.connection = null;
		}

	}

	/** Rolls the import's transaction back after its bad records were counted. */
	private static final class ImportRejected extends RuntimeException {

		ImportRejected() {
			super(null, null, false, false);
		}

	}

	/** What the parsing saw: records, and the bad ones (the first few in detail). */
	private static final class Tally {

		private final int maxReported;

		private final List<LineError> errors = new ArrayList<>();

		private final long started = System.nanoTime();

		private long rowsRead;

		private long bad;

		Tally(int maxReported) {
			this.maxReported = maxReported;
		}

		void bad(long line, @Nullable String field, String message) {
			this.bad++;
			if (this.errors.size() < this.maxReported) {
				this.errors.add(new LineError(line, field, message));
			}
		}

	}

}
