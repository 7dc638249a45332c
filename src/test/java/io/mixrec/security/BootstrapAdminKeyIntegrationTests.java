package io.mixrec.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mixrec.security.ApiKeyMatcher.Match;
import io.mixrec.testsupport.JdbcDatabase;
import io.mixrec.testsupport.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start without configured keys creates one admin key, prints it once and stores only
 * its SHA-256; later starts (and other instances) use it and print nothing.
 */
class BootstrapAdminKeyIntegrationTests {

	private static final Pattern PRINTED_KEY = Pattern.compile("^    ([A-Za-z0-9_-]{43})$", Pattern.MULTILINE);

	@Test
	void firstStartCreatesAndPrintsOneAdminKeyAndStoresOnlyItsHash() {
		JdbcDatabase database = TestDatabase.createEmpty().migrate();
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		ByteArrayOutputStream first = new ByteArrayOutputStream();

		ApiKeyMatcher matcher = BootstrapAdminKey.matcher(new StoredApiKeys(jdbc), print(first));

		Matcher printed = PRINTED_KEY.matcher(first.toString(StandardCharsets.UTF_8));
		assertThat(printed.find()).as(first.toString(StandardCharsets.UTF_8)).isTrue();
		String key = printed.group(1);
		assertThat(key.length()).isGreaterThanOrEqualTo(SecurityProperties.MIN_KEY_LENGTH);
		assertThat(matcher.match(key)).contains(new Match(0, Role.ADMIN));
		assertThat(matcher.match(key + "x")).isEmpty();
		List<byte[]> stored = jdbc.sql("select key_sha256 from api_keys").query(byte[].class).list();
		assertThat(stored).singleElement().satisfies((hash) -> {
			assertThat(hash).isEqualTo(ApiKeyMatcher.sha256(key));
			assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(key);
		});

		ByteArrayOutputStream second = new ByteArrayOutputStream();
		ApiKeyMatcher again = BootstrapAdminKey.matcher(new StoredApiKeys(jdbc), print(second));

		assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(again.match(key)).contains(new Match(0, Role.ADMIN));
		assertThat(jdbc.sql("select count(*) from api_keys").query(Long.class).single()).isEqualTo(1);
	}

	private static PrintStream print(ByteArrayOutputStream out) {
		return new PrintStream(out, true, StandardCharsets.UTF_8);
	}

}
