package io.mixrec.tabular;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's buffer: small for small inputs, grown only for a record that needs it, and
 * never past the limit and one read.
 */
class LineReaderTests {

	private static final int LIMIT = 1024 * 1024;

	@Test
	void keepsASmallBufferForASmallBody() throws IOException {
		LineReader reader = reader("userId,itemId,rating\nu1,i1,4\n");

		assertThat(reader.next()).isTrue();
		assertThat(reader.next()).isTrue();
		assertThat(line(reader)).isEqualTo("u1,i1,4");
		assertThat(reader.next()).isFalse();
		assertThat(reader.capacity()).isLessThanOrEqualTo(64 * 1024);
	}

	@Test
	void growsForALongLineAndReadsItWhole() throws IOException {
		String digits = "1".repeat(300_000);
		LineReader reader = reader("u1,i1," + digits + "x\nu2,i2,3\n");

		assertThat(reader.next()).isTrue();
		assertThat(reader.tooLong()).isFalse();
		assertThat(line(reader)).isEqualTo("u1,i1," + digits + "x");
		assertThat(reader.capacity()).isGreaterThan(300_000).isLessThanOrEqualTo(LIMIT + 64 * 1024);
		assertThat(reader.next()).isTrue();
		assertThat(line(reader)).isEqualTo("u2,i2,3");
	}

	@Test
	void skipsALineOverTheLimitWithoutGrowingPastIt() throws IOException {
		LineReader reader = reader("x".repeat(3 * LIMIT) + "\nu2,i2,3\n");

		assertThat(reader.next()).isTrue();
		assertThat(reader.tooLong()).isTrue();
		assertThat(reader.capacity()).isLessThanOrEqualTo(LIMIT + 64 * 1024);
		assertThat(reader.next()).isTrue();
		assertThat(reader.lineNumber()).isEqualTo(2);
		assertThat(line(reader)).isEqualTo("u2,i2,3");
		assertThat(reader.next()).isFalse();
	}

	private static LineReader reader(String text) {
		return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), LIMIT);
	}

	private static String line(LineReader reader) {
		return new String(reader.buffer(), reader.start(), reader.end() - reader.start(), StandardCharsets.US_ASCII);
	}

}
