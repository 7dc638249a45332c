package io.mixrec.ratings;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mixrec.tabular.RatingFormat;
import io.mixrec.testsupport.MixrecIntegrationTest;
import io.mixrec.web.DomainException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static io.mixrec.ratings.RatingsTestSupport.ratingCount;
import static io.mixrec.ratings.RatingsTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The import takes database resources only once it has rows to send: a body rejected
 * within its first buffer of rows (a hostile line, a bad header) never takes a
 * connection, so a flood of them cannot queue for the pool ahead of real work.
 */
@MixrecIntegrationTest
class RatingImporterConnectionIntegrationTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	RatingRules rules;

	@Autowired
	RatingsProperties properties;

	@Autowired
	TransientFailures retries;

	@Autowired
	RatingsMetrics metrics;

	CountingDataSource counting;

	RatingImporter importer;

	@BeforeEach
	void setUp() {
		this.counting = new CountingDataSource(this.dataSource);
		StagedImport imports = new StagedImport(this.counting, JdbcClient.create(this.counting),
				new DataSourceTransactionManager(this.counting), this.retries, this.properties);
		this.importer = new RatingImporter(imports, this.rules, this.properties, this.metrics);
	}

	@Test
	void rejectsABadLineWithoutTakingAConnection() {
		String u = unique("noconn");
		String csv = "userId,itemId,rating\n" + u + ",i1,4\n" + u + ",i2," + "1".repeat(64_000) + "x\n";

		assertThatExceptionOfType(InvalidImportException.class)
			.isThrownBy(() -> this.importer.importCsv(body(csv), RatingFormat.SNIFF, OnError.REJECT))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.INVALID));

		assertThat(this.counting.connections.get()).isZero();
		assertThat(ratingCount(JdbcClient.create(this.dataSource), u)).isZero();
	}

	@Test
	void rejectsABadHeaderWithoutTakingAConnection() {
		assertThatExceptionOfType(UnreadableInputException.class)
			.isThrownBy(() -> this.importer.importCsv(body("who,what\nu,i\n"), RatingFormat.SNIFF, OnError.REJECT));

		assertThat(this.counting.connections.get()).isZero();
	}

	@Test
	void anImportOfOnlyBadLinesUnderSkipNeedsNoConnection() {
		ImportReport report = this.importer.importCsv(body("userId,itemId,rating\nu,i,nine\n"), RatingFormat.SNIFF,
				OnError.SKIP);

		assertThat(report.rowsRead()).isEqualTo(1);
		assertThat(report.skipped()).isEqualTo(1);
		assertThat(this.counting.connections.get()).isZero();
	}

	@Test
	void aGoodImportTakesOneConnectionAndCommits() {
		String u = unique("oneconn");
		ImportReport report = this.importer.importCsv(body("userId,itemId,rating\n" + u + ",i1,4\n" + u + ",i2,5\n"),
				RatingFormat.SNIFF, OnError.REJECT);

		assertThat(report.inserted()).isEqualTo(2);
		assertThat(this.counting.connections.get()).isEqualTo(1);
		assertThat(ratingCount(JdbcClient.create(this.dataSource), u)).isEqualTo(2);
	}

	@Test
	void aBadLineAfterTheFirstBufferRollsBackWhatWasStaged() {
		String u = unique("late");
		StringBuilder csv = new StringBuilder("userId,itemId,rating\n");
		// More rows than one copy buffer holds, so that the copy has begun.
		for (int i = 0; i < 20_000; i++) {
			csv.append(u).append(",i").append(i).append(",4\n");
		}
		csv.append(u).append(",bad,nine\n");

		assertThatExceptionOfType(InvalidImportException.class)
			.isThrownBy(() -> this.importer.importCsv(body(csv.toString()), RatingFormat.SNIFF, OnError.REJECT));

		assertThat(this.counting.connections.get()).isEqualTo(1);
		assertThat(ratingCount(JdbcClient.create(this.dataSource), u)).isZero();
	}

	private static InputStream body(String csv) {
		return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
	}

	/** Counts the connections taken from the pool. */
	static final class CountingDataSource extends DelegatingDataSource {

		final AtomicInteger connections = new AtomicInteger();

		CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.connections.incrementAndGet();
			return super.getConnection();
		}

	}

}
