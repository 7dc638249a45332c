package io.mixrec.tabular;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The delimiter of a file: as a parameter names it ({@code tab}, {@code comma},
 * {@code semicolon}, {@code pipe} or the character itself), or found in the first line
 * when exactly one of tab, comma, semicolon and pipe occurs in it outside quotes.
 */
public final class Delimiters {

	private static final byte[] CANDIDATES = { '\t', ',', ';', '|' };

	private Delimiters() {
	}

	/**
	 * Reads a delimiter parameter.
	 * @param value the parameter, or null
	 * @return the delimiter byte, or null to sniff
	 * @throws TableFormatException if it is no usable delimiter
	 */
	public static @Nullable Byte parse(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		switch (value.toLowerCase(Locale.ROOT)) {
			case "tab":
			case "\t":
				return (byte) '\t';
			case "comma":
				return (byte) ',';
			case "semicolon":
				return (byte) ';';
			case "pipe":
				return (byte) '|';
			default:
				break;
		}
		char c = value.charAt(0);
		if (value.length() != 1 || c > 0x7e || c < 0x20 || c == '"') {
			throw new TableFormatException("delimiter must be tab, comma, semicolon, pipe or one printable ASCII"
					+ " character (or space) other than a double quote, not '" + value + "'.");
		}
		return (byte) c;
	}

	/**
	 * Finds the delimiter of a first line.
	 * @param b the buffer
	 * @param start where the line starts
	 * @param end where it ends (exclusive)
	 * @return the delimiter
	 * @throws TableFormatException if none or several candidates occur
	 */
	public static byte sniff(byte[] b, int start, int end) {
		int[] counts = new int[CANDIDATES.length];
		boolean quoted = false;
		for (int i = start; i < end; i++) {
			byte c = b[i];
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted) {
				for (int k = 0; k < CANDIDATES.length; k++) {
					if (c == CANDIDATES[k]) {
						counts[k]++;
					}
				}
			}
		}
		int found = -1;
		StringBuilder seen = new StringBuilder();
		for (int k = 0; k < CANDIDATES.length; k++) {
			if (counts[k] > 0) {
				seen.append((seen.length() > 0) ? " and " : "").append(name(CANDIDATES[k]));
				found = (found < 0) ? k : Integer.MAX_VALUE;
			}
		}
		if (found < 0) {
			throw new TableFormatException("The first line has no tab, comma, semicolon or pipe between fields;"
					+ " pass delimiter= if the file uses another one.");
		}
		if (found == Integer.MAX_VALUE) {
			throw new TableFormatException("The first line has " + seen + ", so the delimiter is ambiguous;"
					+ " pass delimiter=tab, comma, semicolon or pipe.");
		}
		return CANDIDATES[found];
	}

	/**
	 * A delimiter's name, for messages.
	 * @param delimiter the delimiter
	 * @return e.g. {@code tabs}
	 */
	public static String name(byte delimiter) {
		switch (delimiter) {
			case '\t':
				return "tabs";
			case ',':
				return "commas";
			case ';':
				return "semicolons";
			case '|':
				return "pipes";
			default:
				return "'" + (char) delimiter + "'";
		}
	}

}
