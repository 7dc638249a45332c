package io.mixrec.tabular;

import java.nio.charset.StandardCharsets;

/**
 * Parses the numbers of delimited text straight from bytes. The common forms
 * ({@code 4.5}, {@code 1700000000}) take a fast path without creating strings; anything
 * else falls back to the JDK's parsers behind a strict syntax check (so that Java-only
 * forms such as {@code 4.5d}, {@code NaN} or hexadecimal are rejected).
 *
 * <p>
 * Every check is one pass over the bytes. The syntax check was a regular expression
 * ({@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}) whose backtracking is quadratic in the
 * number of digits when the text does not match: a 64,000-digit field followed by
 * {@code x} took 34 s of CPU while the import held a connection and a transaction.
 */
public final class TextNumbers {

	/** Exact powers of ten as doubles; a mantissa below 2^53 divided by them is exact. */
	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
			1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

	private static final long MAX_FAST_MANTISSA = 1L << 53;

	/** Returned by {@link #epochSeconds} when the bytes are not a plain integer. */
	public static final long NOT_AN_INTEGER = Long.MIN_VALUE;

	private TextNumbers() {
	}

	/**
	 * Parse a decimal number, ignoring surrounding spaces.
	 * @param b the buffer
	 * @param start where the text starts
	 * @param end where it ends (exclusive)
	 * @return the value (possibly infinite), or NaN if the text is not a decimal number
	 */
	public static double decimal(byte[] b, int start, int end) {
		int s = trimStart(b, start, end);
		int e = trimEnd(b, s, end);
		int i = skipSign(b, s, e);
		boolean negative = i > s && b[s] == '-';
		long mantissa = 0;
		int digits = 0;
		int scale = -1;
		for (; i < e; i++) {
			int c = b[i];
			if (c >= '0' && c <= '9') {
				mantissa = mantissa * 10 + (c - '0');
				digits++;
				if (scale >= 0) {
					scale++;
				}
				if (mantissa >= MAX_FAST_MANTISSA) {
					return slowDecimal(b, s, e);
				}
			}
			else if (c == '.' && scale < 0) {
				scale = 0;
			}
			else {
				return slowDecimal(b, s, e);
			}
		}
		if (digits == 0 || scale >= POWERS_OF_TEN.length) {
			return slowDecimal(b, s, e);
		}
		double value = (scale > 0) ? mantissa / POWERS_OF_TEN[scale] : mantissa;
		return negative ? -value : value;
	}

	private static double slowDecimal(byte[] b, int s, int e) {
		if (!isDecimal(b, s, e)) {
			return Double.NaN;
		}
		return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
	}

	/**
	 * Whether the bytes are {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?},
	 * checked in one pass without backtracking.
	 */
	public static boolean isDecimal(byte[] b, int start, int end) {
		int i = skipSign(b, start, end);
		int integerDigits = 0;
		while (i < end && isDigit(b[i])) {
			i++;
			integerDigits++;
		}
		int fractionDigits = 0;
		if (i < end && b[i] == '.') {
			i++;
			while (i < end && isDigit(b[i])) {
				i++;
				fractionDigits++;
			}
		}
		if (integerDigits + fractionDigits == 0) {
			return false;
		}
		if (i < end && (b[i] == 'e' || b[i] == 'E')) {
			i = skipSign(b, i + 1, end);
			int exponentDigits = 0;
			while (i < end && isDigit(b[i])) {
				i++;
				exponentDigits++;
			}
			if (exponentDigits == 0) {
				return false;
			}
		}
		return i == end;
	}

	/** The position after an optional {@code +} or {@code -} at {@code i}. */
	private static int skipSign(byte[] b, int i, int end) {
		return (i < end && (b[i] == '+' || b[i] == '-')) ? i + 1 : i;
	}

	private static boolean isDigit(byte c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Parse whole epoch seconds, ignoring surrounding spaces.
	 * @param b the buffer
	 * @param start where the text starts
	 * @param end where it ends (exclusive)
	 * @return the seconds, or {@link #NOT_AN_INTEGER} if the text is not a plain integer
	 * of at most 15 digits
	 */
	public static long epochSeconds(byte[] b, int start, int end) {
		int s = trimStart(b, start, end);
		int e = trimEnd(b, s, end);
		int i = skipSign(b, s, e);
		boolean negative = i > s && b[s] == '-';
		if (i == e || e - i > 15) {
			return NOT_AN_INTEGER;
		}
		long value = 0;
		for (; i < e; i++) {
			int c = b[i];
			if (c < '0' || c > '9') {
				return NOT_AN_INTEGER;
			}
			value = value * 10 + (c - '0');
		}
		return negative ? -value : value;
	}

	/**
	 * Whether the text is empty or only spaces.
	 * @param b the buffer
	 * @param start where the text starts
	 * @param end where it ends (exclusive)
	 * @return true if blank
	 */
	public static boolean isBlank(byte[] b, int start, int end) {
		return trimStart(b, start, end) == end;
	}

	/**
	 * Skips leading spaces and tabs.
	 * @param b the buffer
	 * @param start where the text starts
	 * @param end where it ends (exclusive)
	 * @return the first position that is neither
	 */
	public static int trimStart(byte[] b, int start, int end) {
		int s = start;
		while (s < end && (b[s] == ' ' || b[s] == '\t')) {
			s++;
		}
		return s;
	}

	/**
	 * Skips trailing spaces and tabs.
	 * @param b the buffer
	 * @param start where the text starts
	 * @param end where it ends (exclusive)
	 * @return the position after the last byte that is neither
	 */
	public static int trimEnd(byte[] b, int start, int end) {
		int e = end;
		while (e > start && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
			e--;
		}
		return e;
	}

}
