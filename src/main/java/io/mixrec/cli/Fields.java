package io.mixrec.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a rating file on a separator character. Lines without quotes, the
 * common case, are split into field bounds without allocating ({@link #bounds}); in CSV a
 * field may be quoted ({@code "a,b"}, with {@code ""} for a quote inside), and such lines
 * are split into strings ({@link #split}). Surrounding blanks are not part of a field.
 */
final class Fields {

	private Fields() {
	}

	/**
	 * Writes the trimmed bounds of the first fields: field f spans
	 * {@code [bounds[2f], bounds[2f + 1])}.
	 * @param line the line
	 * @param separator the separator
	 * @param bounds receives up to {@code bounds.length / 2} fields
	 * @return the number of fields of the line (possibly more than were written), or -1
	 * when the line has quotes and needs {@link #split}
	 */
	static int bounds(String line, char separator, int[] bounds) {
		if (line.indexOf('"') >= 0) {
			return -1;
		}
		int count = 0;
		int start = 0;
		while (true) {
			int end = line.indexOf(separator, start);
			int stop = (end < 0) ? line.length() : end;
			if (2 * count + 1 < bounds.length) {
				int from = start;
				int to = stop;
				while (from < to && line.charAt(from) <= ' ') {
					from++;
				}
				while (to > from && line.charAt(to - 1) <= ' ') {
					to--;
				}
				bounds[2 * count] = from;
				bounds[2 * count + 1] = to;
			}
			count++;
			if (end < 0) {
				return count;
			}
			start = end + 1;
		}
	}

	/**
	 * @param line the line
	 * @param separator the separator
	 * @return every field, unquoted and trimmed
	 */
	static String[] split(String line, char separator) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean inQuotes = false;
		for (int k = 0; k < line.length(); k++) {
			char c = line.charAt(k);
			if (inQuotes) {
				if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
					field.append('"');
					k++;
				}
				else if (c == '"') {
					inQuotes = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				inQuotes = true;
			}
			else if (c == separator) {
				fields.add(field.toString().trim());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString().trim());
		return fields.toArray(new String[0]);
	}

}
