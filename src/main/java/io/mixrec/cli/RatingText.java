package io.mixrec.cli;

/**
 * Parses the common spellings of a rating in place, without a substring: the hot path of
 * loading millions of lines.
 */
final class RatingText {

	private static final double[] POWERS_OF_TEN = { 1, 10, 100, 1000 };

	private RatingText() {
	}

	/**
	 * Parses the common spellings of a rating ({@code 4}, {@code -1}, {@code 3.5},
	 * {@code 4.25}: at most 9 digits, at most 3 after the point) exactly as
	 * {@link Float#parseFloat} does; the quotient of two exact doubles is correctly
	 * rounded and too far from a float rounding boundary to round differently.
	 * @return the value, or NaN when the text is not of that form
	 */
	static float parse(String line, int from, int to) {
		int k = from;
		boolean negative = k < to && line.charAt(k) == '-';
		if (negative) {
			k++;
		}
		long digits = 0;
		int count = 0;
		int fraction = -1;
		for (; k < to; k++) {
			char c = line.charAt(k);
			if (c == '.' && fraction < 0) {
				fraction = 0;
			}
			else if (c >= '0' && c <= '9') {
				digits = digits * 10 + (c - '0');
				count++;
				if (fraction >= 0) {
					fraction++;
				}
			}
			else {
				return Float.NaN;
			}
		}
		if (count == 0 || count > 9 || fraction == 0 || fraction > 3) {
			return Float.NaN;
		}
		double value = (fraction > 0) ? digits / POWERS_OF_TEN[fraction] : digits;
		return (float) (negative ? -value : value);
	}

}
