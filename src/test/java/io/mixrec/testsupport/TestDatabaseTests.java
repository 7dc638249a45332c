package io.mixrec.testsupport;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.mixrec.testsupport.TestDatabaseSelector.Server;
import io.mixrec.testsupport.TestDatabaseSelector.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestDatabaseTests {

	@Test
	void replacesDatabaseInJdbcUrl() {
		assertThat(TestDatabase.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres", "run1"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/run1");
		assertThat(TestDatabase.withDatabase("jdbc:postgresql://h1:5432,h2:5433/app?ssl=true&user=x", "run1"))
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433/run1?ssl=true&user=x");
		assertThat(TestDatabase.withDatabase("jdbc:postgresql://localhost", "run1"))
			.isEqualTo("jdbc:postgresql://localhost/run1");
		assertThat(TestDatabase.withDatabase("jdbc:postgresql://localhost?ssl=false", "run1"))
			.isEqualTo("jdbc:postgresql://localhost/run1?ssl=false");
	}

	@Test
	void rejectsUrlsOfOtherDatabases() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestDatabase.withDatabase("jdbc:h2:mem:x", "run1"))
			.withMessageContaining("jdbc:h2:mem:x");
	}

	@Test
	void unreachableLocalServerSaysWhatToStartAndWhichVariableToSet() {
		String message = TestDatabase.unreachableMessage(
				new Server(Source.LOCAL, TestDatabaseSelector.LOCAL_URL, "postgres", ""),
				new ConnectException("Connection refused"));

		assertThat(message).contains("127.0.0.1:5432", "Connection refused", "pg_ctlcluster", "postgres:17",
				"MIXREC_TEST_DATABASE_URL", "Docker");
	}

	@Test
	void unreachableConfiguredServerPointsAtTheVariables() {
		String message = TestDatabase.unreachableMessage(
				new Server(Source.ENVIRONMENT, "jdbc:postgresql://db.example/ci", "ci", ""),
				new ConnectException("Connection refused"));

		assertThat(message).contains("jdbc:postgresql://db.example/ci", "MIXREC_TEST_DATABASE_URL",
				"MIXREC_TEST_DATABASE_USERNAME");
	}

	@Test
	void sharedDatabaseIsOwnedByThisRun() throws SQLException {
		JdbcDatabase shared = TestDatabase.shared();

		assertThat(TestDatabase.shared()).isSameAs(shared);
		if (!TestDatabase.get().usesDocker()) {
			assertThat(shared.url()).matches(".*/mixrec_test_\\d{14}_[a-z]{6}");
		}
		try (Connection connection = shared.connect()) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void createsEmptyDatabasesOnTheSameServer() throws SQLException {
		JdbcDatabase first = TestDatabase.createEmpty();
		JdbcDatabase second = TestDatabase.createEmpty();

		assertThat(first.url()).isNotEqualTo(second.url()).isNotEqualTo(TestDatabase.shared().url());
		try (Connection connection = first.connect();
				Statement statement = connection.createStatement();
				ResultSet tables = statement
					.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
			tables.next();
			assertThat(tables.getInt(1)).isZero();
		}
	}

}
