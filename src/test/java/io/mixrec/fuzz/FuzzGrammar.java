package io.mixrec.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The hand-written grammar of hostile values the fuzzer draws from, all chosen with one
 * seeded {@link Random}. Path segments are raw bytes of the request line: already
 * percent-encoded, or deliberately not (raw non-UTF-8 bytes, control characters).
 */
final class FuzzGrammar {

	/** Valid as ids (and so accepted where nothing else is wrong), but hostile. */
	static final List<String> HOSTILE_TEXT = List.of("' OR '1'='1", "'; DROP TABLE ratings; --", "\" OR \"\"=\"",
			"1; SELECT pg_sleep(10)", "$$; delete from users; $$", "<script>alert(1)</script>",
			"<img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "%s%s%n",
			"\u202Eevil\u202C", "e\u0301\u0301\u0301", "\uD83D\uDE00\uD83D\uDCA9", "null", "undefined", "NaN", "-0",
			"\\", "\\u0000", "a b", " ", "\u00A0", "\uFEFF", "\uFFFF", "\u4E2D\u6587", "0x41", "1e400", "true", "[]",
			"{}", "*", "?", "#", "&", "=");

	/**
	 * Percent-encoded path segments that are invalid ids or no valid UTF-8: every request
	 * carrying one must be refused.
	 */
	static final List<String> INVALID_ID_SEGMENTS = List.of("%00", "%01", "a%0Ab", "a%0Db", "%1B%5B31m", "%7F",
			"%C2%80", "%C3%28", "%FF", "%FE%FF", "%C0%AF", "%E0%80%AF", "%ED%A0%80", "%ED%BF%BF", "%F4%90%80%80",
			"%F8%88%80%80%80", "%80", "%BF", "%E2%82", "%F0%9F%98", "a%zzb", "%", "%2", "%2F", "%5C", "%25", "%3B",
			"%2E", "%2E%2E", ";jsessionid=1", "..;", "a%2Fb");

	/** Raw bytes (not percent-encoded) that have no place in a request target. */
	static final List<byte[]> RAW_SEGMENTS = List.of(new byte[] { (byte) 0xC3, 0x28 }, new byte[] { (byte) 0xFF },
			new byte[] { (byte) 0x80, 0x41 }, new byte[] { 0x61, 0x00, 0x62 }, new byte[] { 0x61, 0x09, 0x62 },
			new byte[] { 0x61, 0x7F }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
			new byte[] { 0x22, 0x3C, 0x3E }, new byte[] { 0x7B, 0x7D, 0x7C, 0x5E, 0x60 });

	/** Values for integer parameters (path or query) that are no valid integer. */
	static final List<String> BAD_INTEGERS = List.of("abc", "1.5", "1e3", "0x10", "NaN", "Infinity", "-Infinity",
			"99999999999999999999", "-99999999999999999999", "9223372036854775808", "%20", "1%00", "", "+", "--1",
			"%E2%80%8B1", "1,2", "1;2", "%31%2E%35");

	/** Integer values that parse but are out of any sensible range. */
	static final List<String> EXTREME_INTEGERS = List.of("-1", "0", "-2147483648", "2147483647", "2147483648",
			"9223372036854775807", "-9223372036854775808", "00000000000000000001");

	/** Numbers that no rating or count can be (JSON literals). */
	static final List<String> BAD_NUMBER_LITERALS = List.of("1e400", "-1e400", "1e-400",
			"123456789012345678901234567890", "-0.0", "1E+99999", "9223372036854775808", "0.25", "-5", "99", "5.5",
			"0");

	/** Not-numbers as JSON: strings or invalid literals. */
	static final List<String> NON_NUMBERS = List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"4\"", "\"4.5\"",
			"true", "[4]", "{\"value\":4}", "\"\"", "\"four\"");

	/** Invalid JSON literals some parsers accept leniently. */
	static final List<String> LENIENT_LITERALS = List.of("NaN", "Infinity", "-Infinity", "+1", ".5", "01", "0x1F",
			"'4'", "4.", "1_000");

	/** Content types an endpoint that wants JSON (or CSV) does not accept. */
	static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
			"multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream",
			"application/json-patch+json", "text/csv", "application/json; charset=ISO-8859-1", "application/", "}{",
			"application/json; charset=\"", "text/csv; charset=UTF-16", "*/*", "application/*", "json",
			"application/x-ndjson", "image/png");

	/** Garbage bodies. */
	static final List<byte[]> GARBAGE_BODIES = List.of(bytes("{"), bytes("}"), bytes("["), bytes("{\"rating\":"),
			bytes("{\"rating\" 4}"), bytes("{'rating': 4}"), bytes("{rating: 4}"), bytes("{\"rating\":4,}"),
			bytes("[1,2,]"), bytes("{\"a\":1}{\"b\":2}"), bytes("{\"rating\":4} trailing"), bytes("/* c */ {}"),
			bytes("\uFEFF{\"rating\":4}"), new byte[] { (byte) 0xFF, (byte) 0xFE, 0x7B, 0x00, 0x7D, 0x00 },
			new byte[] { 0x7B, 0x22, (byte) 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D },
			new byte[] { 0x5B, 0x22, (byte) 0xFF, 0x22, 0x5D }, new byte[] { 0x00, 0x00, 0x00 },
			bytes("<rating>4</rating>"), bytes("rating=4"), bytes("\"just a string\""), bytes("42"), bytes("true"),
			bytes("{\"\\uD800\":1}"), bytes("{\"rating\":\"\\uDC00\"}"), bytes("\"\\u0000\""));

	private final Random random;

	FuzzGrammar(Random random) {
		this.random = random;
	}

	<T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	int nextInt(int bound) {
		return this.random.nextInt(bound);
	}

	boolean chance(int percent) {
		return this.random.nextInt(100) < percent;
	}

	/** An id the rules reject, as request-target bytes. */
	byte[] invalidIdSegment() {
		return switch (nextInt(4)) {
			case 0 -> pick(RAW_SEGMENTS);
			case 1 -> bytes("x".repeat(129 + nextInt(2000)));
			case 2 -> bytes(encode("\uD83D\uDE00".repeat(129)));
			default -> bytes(pick(INVALID_ID_SEGMENTS));
		};
	}

	/** A segment that may be a valid id, percent-encoded; its resource never exists. */
	String hostileIdSegment(String prefix) {
		return encode(prefix + pick(HOSTILE_TEXT));
	}

	/** A JSON string literal that is an invalid id. */
	String invalidIdLiteral() {
		return switch (nextInt(7)) {
			case 0 -> "\"\"";
			case 1 -> "\"" + "y".repeat(129 + nextInt(500)) + "\"";
			case 2 -> "\"a\\u0000b\"";
			case 3 -> "\"a\\nb\"";
			case 4 -> "\"\\uD800x\"";
			case 5 -> "\"\\u001F\"";
			default -> "\"\\uDFFF\"";
		};
	}

	/** A JSON value of a type other than the one named. */
	String wrongType(String type) {
		List<String> candidates = switch (type) {
			case "string" -> List.of("42", "4.5", "true", "[\"a\"]", "{\"a\":1}", "-1e400");
			case "integer", "number" -> NON_NUMBERS;
			case "boolean" -> List.of("\"true\"", "1", "[]", "{}");
			case "array" -> List.of("{}", "\"[]\"", "1", "true");
			default -> List.of("[]", "\"{}\"", "1", "true", "\"x\"");
		};
		return pick(candidates);
	}

	/** A body cut off somewhere inside. */
	byte[] truncate(byte[] body) {
		if (body.length < 2) {
			return bytes("{");
		}
		return java.util.Arrays.copyOf(body, 1 + nextInt(body.length - 1));
	}

	/** JSON nested deeper than any parser should follow. */
	byte[] deepNesting() {
		int depth = 2_000 + nextInt(20_000);
		return bytes("[".repeat(depth) + "]".repeat(nextInt(2) * depth));
	}

	static String encode(String text) {
		StringBuilder out = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(String.format("%02X", c));
			}
		}
		return out.toString();
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
