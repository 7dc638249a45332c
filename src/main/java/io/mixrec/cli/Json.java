package io.mixrec.cli;

/**
 * A tiny writer of one-line JSON objects, so the CLI does not depend on a JSON library.
 * Numbers that JSON cannot represent (NaN, infinities) are written as {@code null}.
 */
final class Json {

	private final StringBuilder text = new StringBuilder("{");

	Json put(String key, double value) {
		return raw(key, Double.isFinite(value) ? Double.toString(value) : "null");
	}

	Json put(String key, long value) {
		return raw(key, Long.toString(value));
	}

	Json put(String key, boolean value) {
		return raw(key, Boolean.toString(value));
	}

	Json put(String key, String value) {
		return raw(key, quote(value));
	}

	Json put(String key, Json value) {
		return raw(key, value.toString());
	}

	private Json raw(String key, String value) {
		if (this.text.length() > 1) {
			this.text.append(',');
		}
		this.text.append(quote(key)).append(':').append(value);
		return this;
	}

	static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (int k = 0; k < value.length(); k++) {
			char c = value.charAt(k);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	@Override
	public String toString() {
		return this.text + "}";
	}

}
