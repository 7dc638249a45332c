package io.mixrec.tabular;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TextNumbersTests {

	@Test
	void decimalsTakeTheFastPathAndMatchTheJdk() {
		for (String text : new String[] { "4", "4.5", "4.", ".5", "+3.0", "-2.25", "0.1", "3.14159265358979",
				"0.30000000000000004", "12345678901234567890", "1e0", "2.5E-1", " 4.5 ", "\t4" }) {
			assertThat(decimal(text)).as(text).isEqualTo(Double.parseDouble(text.strip()));
		}
	}

	@Test
	void decimalsAcceptOnlyPlainNumbers() {
		for (String text : new String[] { "", " ", "-", ".", "4.5.1", "4,5", "four", "NaN", "Infinity", "4.5d", "4f",
				"0x1p1", "1e", "4 5" }) {
			assertThat(decimal(text)).as(text).isNaN();
		}
		assertThat(decimal("1e999")).isInfinite();
	}

	@Test
	void rejectsALongNonNumberInLinearTime() {
		// 64,000 digits and an x took 34 s with the backtracking regular expression; a
		// linear check takes well under a millisecond. The bound leaves room for a slow
		// CI.
		String digits = "1".repeat(64_000);
		assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
			for (String text : new String[] { digits + "x", digits + "." + digits + "x", "." + digits + "e",
					digits + "e+" + digits + "x" }) {
				assertThat(decimal(text)).as("%.20s...", text).isNaN();
			}
			assertThat(decimal(digits)).isInfinite();
		});
	}

	@Test
	void epochSecondsArePlainIntegersOfAtMost15Digits() {
		assertThat(epochSeconds("1700000000")).isEqualTo(1_700_000_000L);
		assertThat(epochSeconds(" -5 ")).isEqualTo(-5L);
		assertThat(epochSeconds("999999999999999")).isEqualTo(999_999_999_999_999L);
		for (String text : new String[] { "", "+", "1700000000.5", "2026-01-01T00:00:00Z", "1e9",
				"1000000000000000" }) {
			assertThat(epochSeconds(text)).as(text).isEqualTo(TextNumbers.NOT_AN_INTEGER);
		}
	}

	private static double decimal(String text) {
		byte[] bytes = ("," + text + ",").getBytes(StandardCharsets.UTF_8);
		return TextNumbers.decimal(bytes, 1, bytes.length - 1);
	}

	private static long epochSeconds(String text) {
		byte[] bytes = ("," + text + ",").getBytes(StandardCharsets.UTF_8);
		return TextNumbers.epochSeconds(bytes, 1, bytes.length - 1);
	}

}
