package io.mixrec.ratings;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mixrec.tabular.RatingFormat;

import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The CSV import of ratings, run by {@link StagedImport}: the lines are validated by
 * {@link CsvRatingParser} and staged, then three set-based statements merge the staging
 * table: missing users, missing items, and one upsert of the ratings, last write wins,
 * duplicates inside the file resolved by time and then by line. Everything or nothing is
 * imported, and the import is measured ({@link RatingsMetrics}).
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

	private static final StagingTable STAGING = new StagingTable("rating_import", CREATE_STAGING, COPY,
			List.of(INSERT_USERS, INSERT_ITEMS, UPSERT), "analyze users, items, ratings");

	private final StagedImport imports;

	private final RatingRules rules;

	private final RatingsMetrics metrics;

	private final int maxLineBytes;

	RatingImporter(StagedImport imports, RatingRules rules, RatingsProperties properties, RatingsMetrics metrics) {
		this.imports = imports;
		this.rules = rules;
		this.metrics = metrics;
		this.maxLineBytes = (int) properties.maxLineBytes().toBytes();
	}

	/**
	 * Import ratings from CSV or TSV.
	 * @param body the file, UTF-8, read to its end
	 * @param format what the client said about its layout; the rest is sniffed
	 * @param onError what to do with bad lines
	 * @return what the import did
	 * @throws UnreadableInputException if the layout cannot be used or told
	 * @throws InvalidImportException for bad lines under {@link OnError#REJECT}
	 */
	ImportReport importCsv(InputStream body, RatingFormat format, OnError onError) {
		long started = System.nanoTime();
		String result = "failed";
		try {
			CsvRatingParser parser = new CsvRatingParser(body, format, this.rules, this.maxLineBytes,
					RatingRules.truncate(Instant.now()));
			ImportReport report = this.imports.run(parser, onError, STAGING);
			result = "success";
			this.metrics.written(Source.IMPORT,
					new WriteCounts(report.inserted(), report.updated(), report.unchanged()));
			this.metrics.importRows("accepted", report.rowsRead() - report.skipped());
			this.metrics.importRows("skipped", report.skipped());
			return report;
		}
		catch (InvalidImportException ex) {
			result = "rejected";
			this.metrics.importRows("rejected", ex.rowsRead());
			throw ex;
		}
		catch (ErrorResponseException ex) {
			result = ex.getStatusCode().is4xxClientError() ? "rejected" : result;
			throw ex;
		}
		finally {
			this.metrics.importDuration(result, Duration.ofNanos(System.nanoTime() - started));
		}
	}

}
