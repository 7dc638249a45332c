package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.mixrec.tabular.RatingFormat;
import io.mixrec.web.ApiException;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * The CSV import, in one transaction: the request body is parsed and validated line by
 * line as it arrives ({@link CsvRatingParser}) and the valid lines go straight into a
 * temporary staging table through binary {@code COPY} ({@link StagingCopyWriter}), so
 * that neither the body nor the rows are ever held in memory. The transaction begins only
 * when the first buffer of rows is sent, so that a bad body is rejected without database
 * work. Then three set-based statements merge the staging table: missing users, missing
 * items, and one upsert of the ratings, last write wins, duplicates inside the file
 * resolved by time and then by line. Everything or nothing is imported.
 *
 * <p>
 * Writers that touch the same keys wait for each other in one global key order, so the
 * merge rarely loses a deadlock; when it does, only the merge is rolled back (to a
 * savepoint) and run again, since the request body cannot be read twice.
 */
@Service
class RatingImporter {

	private static final String CREATE_STAGING = """
			create temp table rating_import (user_ext text, item_ext text, rating real, rated_at timestamptz, line bigint)
			on commit drop
			""";

	private static final String COPY = "copy rating_import (user_ext, item_ext, rating, rated_at, line)"
			+ " from stdin (format binary)";

	private static final String INSERT_USERS = "insert into users (external_id)"
			+ " select distinct user_ext from rating_import order by 1 on conflict (external_id) do nothing";

	private static final String INSERT_ITEMS = "insert into items (external_id)"
			+ " select distinct item_ext from rating_import order by 1 on conflict (external_id) do nothing";

	// distinct on keeps one row per key, the latest by time and then by line; the rows
	// come out ordered by key, the order in which every writer locks ratings.
	private static final String UPSERT = """
			with upserted as (
			    insert into ratings as stored (user_id, item_id, rating, rated_at)
			    select distinct on (u.id, i.id) u.id, i.id, s.rating, s.rated_at
			    from rating_import s
			    join users u on u.external_id = s.user_ext
			    join items i on i.external_id = s.item_ext
			    order by u.id, i.id, s.rated_at desc, s.line desc
			""" + RatingRepository.UPSERT_TAIL + """
			)
			select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
			from upserted
			""";

	/**
	 * From this many rows on, the planner's statistics need refreshing; below it, its
	 * guesses are good enough. The staging table is analysed before the merge once it
	 * holds this many rows, and the written tables after an import that wrote this many
	 * ratings: their statistics would otherwise describe the tables as they were before
	 * (or as empty, after a first bulk load) until autovacuum catches up, if it runs at
	 * all, and the serving read of a user's ratings then sorts a bitmap scan instead of
	 * walking the primary key (measured on a 1M-rating import: 0.23 ms against 0.07 ms
	 * per read).
	 */
	static final long ANALYZE_AFTER_ROWS = 10_000;

	private static final String ANALYZE_WRITTEN = "analyze users, items, ratings";

	private static final int COPY_BUFFER_BYTES = 256 * 1024;

	private static final Log log = LogFactory.getLog(RatingImporter.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final PlatformTransactionManager transactions;

	private final RatingRules rules;

	private final RatingsProperties properties;

	private final TransientFailures retries;

	private final RatingsMetrics metrics;

	private final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

	RatingImporter(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			RatingRules rules, RatingsProperties properties, TransientFailures retries, RatingsMetrics metrics) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactionManager;
		this.rules = rules;
		this.properties = properties;
		this.retries = retries;
		this.metrics = metrics;
	}

	/**
	 * Import ratings from CSV or TSV.
	 * @param body the file, UTF-8, read to its end
	 * @param format what the client said about its layout; the rest is sniffed
	 * @param onError what to do with bad lines
	 * @return what the import did
	 * @throws ApiException 400 if the layout cannot be used or told, or bad lines under
	 * {@link OnError#REJECT}
	 */
	ImportReport importCsv(InputStream body, RatingFormat format, OnError onError) {
		long started = System.nanoTime();
		Instant now = RatingRules.truncate(Instant.now());
		Tally tally = new Tally(this.properties.maxReportedLines());
		String result = "failed";
		try {
			WriteCounts counts = load(body, format, onError, now, tally);
			if (counts.inserted() + counts.updated() >= ANALYZE_AFTER_ROWS) {
				analyzeWrittenTables();
			}
			long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
			result = "success";
			this.metrics.written(Source.IMPORT, counts);
			this.metrics.importRows("accepted", tally.rowsRead - tally.bad);
			this.metrics.importRows("skipped", tally.bad);
			return new ImportReport(tally.rowsRead, counts.inserted(), counts.updated(), counts.unchanged(), tally.bad,
					elapsedMs, (onError == OnError.SKIP) ? List.copyOf(tally.errors) : null);
		}
		catch (ImportRejected ex) {
			result = "rejected";
			this.metrics.importRows("rejected", tally.rowsRead);
			throw new InvalidImportException(tally.errors, tally.bad, tally.rowsRead);
		}
		catch (ApiException ex) {
			result = ex.getStatusCode().is4xxClientError() ? "rejected" : result;
			throw ex;
		}
		finally {
			this.metrics.importDuration(result, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/**
	 * Refreshes the planner statistics after the import committed. Not part of the
	 * import: a failure is logged and the import still succeeds.
	 */
	private void analyzeWrittenTables() {
		long started = System.nanoTime();
		try {
			this.jdbc.sql(ANALYZE_WRITTEN).update();
			if (log.isInfoEnabled()) {
				log.info("Analysed users, items and ratings after the import in " + millis(started, System.nanoTime())
						+ " ms");
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not analyse the tables after an import; the planner keeps its old statistics", ex);
		}
	}

	private WriteCounts load(InputStream body, RatingFormat format, OnError onError, Instant now, Tally tally) {
		StagingTransaction staging = new StagingTransaction();
		try {
			long staged = stage(staging, body, format, onError, now, tally);
			if (tally.bad > 0 && onError == OnError.REJECT) {
				throw new ImportRejected();
			}
			if (!staging.begun()) {
				return new WriteCounts(0, 0, 0);
			}
			long merging = System.nanoTime();
			WriteCounts applied = (staged > 0) ? merge(staging.connection(), staged) : new WriteCounts(0, 0, 0);
			staging.commit();
			if (log.isInfoEnabled()) {
				log.info("Imported " + staged + " rows (" + applied.inserted() + " inserted, " + applied.updated()
						+ " updated, " + tally.bad + " bad lines): staging " + millis(tally.started, merging)
						+ " ms, merge " + millis(merging, System.nanoTime()) + " ms");
			}
			return new WriteCounts(applied.inserted(), applied.updated(),
					staged - applied.inserted() - applied.updated());
		}
		finally {
			staging.rollbackUnlessCommitted();
		}
	}

	private long stage(StagingTransaction staging, InputStream body, RatingFormat format, OnError onError, Instant now,
			Tally tally) {
		StagingCopyWriter writer = new StagingCopyWriter(staging::openCopy, COPY_BUFFER_BYTES);
		try {
			CsvRatingParser parser = new CsvRatingParser(body, format, this.rules,
					(int) this.properties.maxLineBytes().toBytes(), now);
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
					writer.row(parser.buffer(), parser.userStart(), parser.userEnd(), parser.itemStart(),
							parser.itemEnd(), parser.rating(), parser.ratedAtMicros(), parser.line());
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

	private static long millis(long fromNanos, long toNanos) {
		return Duration.ofNanos(toNanos - fromNanos).toMillis();
	}

	private WriteCounts merge(Connection connection, long staged) {
		if (staged >= ANALYZE_AFTER_ROWS) {
			this.jdbc.sql("analyze rating_import").update();
		}
		// For this transaction only: the merge sorts and hashes the whole file, and the
		// server's default work_mem (4 MB) sends every large import through temp files.
		this.jdbc.sql("select set_config('work_mem', ?, true)")
			.param(this.properties.importWorkMem().toKilobytes() + "kB")
			.query(String.class)
			.single();
		// A savepoint per attempt: a retry repeats the merge, not the COPY before it.
		return this.retries.retry(Source.IMPORT, () -> {
			Savepoint savepoint = savepoint(connection);
			try {
				this.jdbc.sql(INSERT_USERS).update();
				this.jdbc.sql(INSERT_ITEMS).update();
				WriteCounts counts = this.jdbc.sql(UPSERT)
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

	/**
	 * The import's transaction, begun only when the first staged rows have to be sent to
	 * the server (see {@link StagingCopyWriter}): a body rejected within its first buffer
	 * of rows never takes a connection from the pool. Its statements run through
	 * {@link #jdbc} on the transaction's connection, which the transaction manager binds
	 * to this thread.
	 */
	private final class StagingTransaction {

		private @Nullable TransactionStatus status;

		private @Nullable Connection connection;

		CopyIn openCopy() throws SQLException {
			this.status = RatingImporter.this.transactions.getTransaction(TransactionDefinition.withDefaults());
			Connection open = DataSourceUtils.getConnection(RatingImporter.this.dataSource);
			this.connection = open;
			RatingImporter.this.jdbc.sql(CREATE_STAGING).update();
			return open.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
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
				RatingImporter.this.transactions.commit(begun);
			}
		}

		void rollbackUnlessCommitted() {
			TransactionStatus begun = this.status;
			if (begun != null && !begun.isCompleted()) {
				release();
				RatingImporter.this.transactions.rollback(begun);
			}
		}

		private void release() {
			// The transaction's connection: this only hands it back to the transaction.
			DataSourceUtils.releaseConnection(this.connection, RatingImporter.this.dataSource);
			this.connection = null;
		}

	}

	/** Rolls the import's transaction back after its bad lines were counted. */
	private static final class ImportRejected extends RuntimeException {

		ImportRejected() {
			super(null, null, false, false);
		}

	}

	/** What the parsing saw: data lines, and the bad ones (the first few in detail). */
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
