package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.mixrec.tabular.ItemFormat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalogue import, in one transaction, built like the ratings import
 * ({@link RatingImporter}): records are validated as the body arrives
 * ({@link ItemCsvParser}) and go through binary {@code COPY} into a temporary staging
 * table, then one set-based statement creates the items or replaces their title and
 * attributes, as {@code PUT /items/{itemId}} does for one item; of an id listed twice the
 * last record wins. Everything or nothing is imported.
 */
@Service
class ItemImporter {

	private static final String CREATE_STAGING = """
			create temp table item_import (external_id text, title text, attributes jsonb, line bigint)
			on commit drop
			""";

	private static final String COPY = "copy item_import (external_id, title, attributes, line)"
			+ " from stdin (format binary)";

	// Rows come out ordered by id, the order in which the ratings import inserts items,
	// so that the two never wait for each other in a cycle.
	private static final String UPSERT = """
			with latest as (
			    select distinct on (external_id) external_id, title, attributes
			    from item_import
			    order by external_id, line desc
			), upserted as (
			    insert into items as stored (external_id, title, attributes)
			    select external_id, title, attributes from latest order by external_id
			    on conflict (external_id) do update
			        set title = excluded.title, attributes = excluded.attributes, updated_at = now()
			        where (stored.title, stored.attributes) is distinct from (excluded.title, excluded.attributes)
			    returning (stored.xmax = 0) as inserted
			)
			select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated,
			       (select count(*) from latest) as distinct_ids
			from upserted
			""";

	private static final int COPY_BUFFER_BYTES = 256 * 1024;

	private static final Log log = LogFactory.getLog(ItemImporter.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final RatingRules rules;

	private final RatingsProperties properties;

	private final JsonMapper json;

	private final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

	ItemImporter(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			RatingRules rules, RatingsProperties properties, JsonMapper json) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.rules = rules;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * Import items.
	 * @param body the file, read to its end
	 * @param format what the client said about its layout
	 * @param charset the file's charset
	 * @param onError what to do with bad records
	 * @return what the import did: {@code inserted} new items, {@code updated} items
	 * whose metadata changed
	 * @throws io.mixrec.web.ApiException 400 if the layout cannot be used or told, or bad
	 * records under {@link OnError#REJECT}
	 */
	ImportReport importItems(InputStream body, ItemFormat format, Charset charset, OnError onError) {
		long started = System.nanoTime();
		Tally tally = new Tally(this.properties.maxReportedLines());
		Counts counts;
		try {
			counts = this.transactions.execute((status) -> load(body, format, charset, onError, tally));
		}
		catch (Rejected ex) {
			throw new InvalidImportException(tally.errors, tally.bad, tally.rowsRead);
		}
		long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
		if (log.isInfoEnabled()) {
			log.info("Imported " + tally.rowsRead + " item records (" + counts.inserted + " inserted, " + counts.updated
					+ " updated, " + tally.bad + " bad) in " + elapsedMs + " ms");
		}
		long staged = tally.rowsRead - tally.bad;
		return new ImportReport(tally.rowsRead, counts.inserted, counts.updated,
				staged - counts.inserted - counts.updated, tally.bad, elapsedMs,
				(onError == OnError.SKIP) ? List.copyOf(tally.errors) : null);
	}

	private Counts load(InputStream body, ItemFormat format, Charset charset, OnError onError, Tally tally) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			this.jdbc.sql(CREATE_STAGING).update();
			long staged = stage(connection, body, format, charset, onError, tally);
			if (tally.bad > 0 && onError == OnError.REJECT) {
				throw new Rejected();
			}
			if (staged == 0) {
				return new Counts(0, 0);
			}
			return this.jdbc.sql(UPSERT)
				.query((rs, row) -> new Counts(rs.getLong("inserted"), rs.getLong("updated")))
				.single();
		}
		catch (SQLException ex) {
			RuntimeException translated = this.translator.translate("COPY into the staging table", null, ex);
			throw (translated != null) ? translated : new IllegalStateException("COPY failed", ex);
		}
		catch (IOException ex) {
			throw new UnreadableInputException("The request body could not be read to its end.");
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private long stage(Connection connection, InputStream body, ItemFormat format, Charset charset, OnError onError,
			Tally tally) throws SQLException, IOException {
		CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
		try {
			ItemStagingWriter writer = new ItemStagingWriter(copy, COPY_BUFFER_BYTES);
			ItemCsvParser parser = new ItemCsvParser(body, format, charset, this.rules, this.json,
					(int) this.properties.maxLineBytes().toBytes(), this.properties.maxAttributesBytes().toBytes());
			parser.readLayout();
			boolean writing = true;
			while (parser.next()) {
				tally.rowsRead++;
				String problem = parser.problem();
				if (problem != null) {
					tally.bad(parser.line(), parser.problemField(), problem);
					writing = onError == OnError.SKIP;
				}
				else if (writing) {
					writer.row(parser.id(), parser.title(), parser.attributes(), parser.line());
				}
			}
			return writing ? writer.finish() : 0;
		}
		finally {
			if (copy.isActive()) {
				try {
					copy.cancelCopy();
				}
				catch (SQLException ex) {
					// The transaction rolls back anyway; keep the failure that stopped
					// the copy.
				}
			}
		}
	}

	private record Counts(long inserted, long updated) {
	}

	/** Rolls the import's transaction back after its bad records were counted. */
	private static final class Rejected extends RuntimeException {

		Rejected() {
			super(null, null, false, false);
		}

	}

	/** What the parsing saw. */
	private static final class Tally {

		private final int maxReported;

		private final List<LineError> errors = new ArrayList<>();

		private long rowsRead;

		private long bad;

		Tally(int maxReported) {
			this.maxReported = maxReported;
		}

		void bad(long line, @org.jspecify.annotations.Nullable String field, String message) {
			this.bad++;
			if (this.errors.size() < this.maxReported) {
				this.errors.add(new LineError(line, field, message));
			}
		}

	}

}
