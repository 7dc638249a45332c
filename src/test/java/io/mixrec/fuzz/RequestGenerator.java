package io.mixrec.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.mixrec.fuzz.Schemas.Location;
import io.mixrec.testsupport.TestApiKeys;

/**
 * Builds hostile requests for the endpoints of the OpenAPI description. Each request
 * starts from a well-formed one (a valid example body from the schema, the key of the
 * required role) and gets a defect from one category of the grammar. Requests that could
 * change data (any method but GET, HEAD, OPTIONS) only ever get defects that must make
 * the server refuse them, so that the whole set must leave the database as it was; for
 * the admin endpoints, which start refits and activate models, that means nothing but
 * missing or lower keys, bodies cut short and non-numeric ids.
 */
final class RequestGenerator {

	/** Defect categories; a request is tagged with one. */
	static final List<String> CATEGORIES = List.of("auth", "path-param", "query", "content-type", "body-syntax",
			"body-schema", "csv", "method", "headers", "protocol", "unknown-path");

	private static final Set<String> DOCUMENTED_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH");

	private final FuzzGrammar grammar;

	private final List<Endpoint> endpoints;

	private final String host;

	private final String prefix;

	private int sequence;

	RequestGenerator(Random random, List<Endpoint> endpoints, int port, String prefix) {
		this.grammar = new FuzzGrammar(random);
		this.endpoints = endpoints;
		this.host = "127.0.0.1:" + port;
		this.prefix = prefix;
	}

	/**
	 * A hostile request.
	 *
	 * @param operation the endpoint it was made from
	 * @param category its defect category
	 * @param bytes the request as sent
	 * @param halfClose whether to close the sending side after it
	 * @param mustBeRefused whether anything but a 4xx is a failure
	 * @param head whether it is a HEAD request (no body in the answer)
	 */
	record FuzzRequest(String operation, String category, byte[] bytes, boolean halfClose, boolean mustBeRefused,
			boolean head) {

	}

	List<FuzzRequest> generate(int count) {
		List<FuzzRequest> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			requests.add(next(this.endpoints.get(i % this.endpoints.size())));
		}
		return requests;
	}

	/** Bodies over the JSON limit, with a declared length and chunked. */
	List<FuzzRequest> oversized(long limit) {
		List<FuzzRequest> requests = new ArrayList<>();
		for (Endpoint endpoint : this.endpoints) {
			if (endpoint.isJson() && "write".equals(endpoint.role())) {
				byte[] body = new byte[(int) limit + 1 + this.grammar.nextInt(1000)];
				java.util.Arrays.fill(body, (byte) ' ');
				body[0] = '[';
				body[body.length - 1] = ']';
				Base base = base(endpoint);
				requests.add(new FuzzRequest(endpoint.name(), "oversized",
						request(base.method, base.target, headers(base.key, endpoint.contentType()), body, false),
						false, true, false));
				requests.add(new FuzzRequest(endpoint.name(), "oversized",
						request(base.method, base.target, headers(base.key, endpoint.contentType()), body, true), false,
						true, false));
			}
		}
		return requests;
	}

	private FuzzRequest next(Endpoint endpoint) {
		this.sequence++;
		Base base = base(endpoint);
		boolean write = !endpoint.isRead();
		boolean admin = "admin".equals(endpoint.role());
		List<String> applicable = new ArrayList<>(List.of("auth", "method", "headers", "protocol", "unknown-path"));
		if (!endpoint.in("path").isEmpty()) {
			applicable.add("path-param");
			applicable.add("path-param");
		}
		if (!endpoint.in("query").isEmpty()) {
			applicable.add("query");
			applicable.add("query");
		}
		if (endpoint.contentType() != null) {
			applicable.add("content-type");
			applicable.add("body-syntax");
			applicable.add("body-syntax");
			if (endpoint.isJson() && endpoint.bodySchema() != null && !admin) {
				applicable.add("body-schema");
				applicable.add("body-schema");
				applicable.add("body-schema");
			}
			if (!endpoint.isJson() && !admin) {
				applicable.add("csv");
				applicable.add("csv");
				applicable.add("csv");
			}
		}
		String category = this.grammar.pick(applicable);
		return switch (category) {
			case "auth" -> auth(endpoint, base, write);
			case "path-param" -> pathParam(endpoint, base, write, admin);
			case "query" -> query(endpoint, base, write);
			case "content-type" -> contentType(endpoint, base);
			case "body-syntax" -> bodySyntax(endpoint, base, admin);
			case "body-schema" -> bodySchema(endpoint, base);
			case "csv" -> csv(endpoint, base);
			case "method" -> method(endpoint, base);
			case "headers" -> headers(endpoint, base, write);
			case "protocol" -> protocol(endpoint, base);
			default -> unknownPath(endpoint, base);
		};
	}

	private FuzzRequest auth(Endpoint endpoint, Base base, boolean write) {
		List<String> keys = new ArrayList<>(
				List.of("<none>", TestApiKeys.UNKNOWN, "", "k".repeat(5000), "test-write-key-0123456789\u0001",
						"' OR '1'='1", "Bearer " + TestApiKeys.WRITE, TestApiKeys.WRITE.toUpperCase()));
		if ("write".equals(endpoint.role()) || "admin".equals(endpoint.role())) {
			keys.add(TestApiKeys.READ);
		}
		if ("admin".equals(endpoint.role())) {
			keys.add(TestApiKeys.WRITE);
		}
		if (!write) {
			keys.add(" " + TestApiKeys.ADMIN + " ");
		}
		String key = this.grammar.pick(keys);
		List<String> headers = headers(key.equals("<none>") ? null : key, endpoint.contentType());
		if (!write && this.grammar.chance(20)) {
			headers.add("X-API-Key: " + TestApiKeys.UNKNOWN);
		}
		return refused(endpoint, "auth", request(base.method, base.target, headers, base.body, false), write);
	}

	private FuzzRequest pathParam(Endpoint endpoint, Base base, boolean write, boolean admin) {
		Map<String, byte[]> values = new LinkedHashMap<>(base.pathValues);
		List<Endpoint.Parameter> parameters = endpoint.in("path");
		Endpoint.Parameter parameter = this.grammar.pick(parameters);
		byte[] value;
		if (parameter.type().equals("integer")) {
			List<String> bad = admin && write
					? List.of("abc", "1.5", "NaN", "Infinity", "99999999999999999999", "1%00", "--1", "1e3", "%20")
					: FuzzGrammar.BAD_INTEGERS;
			value = FuzzGrammar.bytes(write || this.grammar.chance(70) ? this.grammar.pick(bad)
					: this.grammar.pick(FuzzGrammar.EXTREME_INTEGERS));
		}
		else {
			value = (write || this.grammar.chance(50)) ? this.grammar.invalidIdSegment()
					: FuzzGrammar.bytes(this.grammar.hostileIdSegment(this.prefix));
		}
		values.put(parameter.name(), value);
		byte[] target = target(endpoint, values, base.query);
		return refused(endpoint, "path-param",
				request(base.method, target, headers(base.key, endpoint.contentType()), base.body, false), write);
	}

	private FuzzRequest query(Endpoint endpoint, Base base, boolean write) {
		Endpoint.Parameter parameter = this.grammar.pick(endpoint.in("query"));
		String value;
		if (!parameter.allowed().isEmpty()) {
			value = this.grammar.pick(List.of("delete", "REJECTX", "%00", "skip%00", "reject%20", "1", "true",
					FuzzGrammar.encode(this.grammar.pick(FuzzGrammar.HOSTILE_TEXT)) + "x"));
		}
		else if (parameter.type().equals("integer")) {
			List<String> values = new ArrayList<>(FuzzGrammar.BAD_INTEGERS);
			if (parameter.minimum() != null) {
				values.add(Long.toString(parameter.minimum() - 1));
				values.add("-9223372036854775808");
			}
			if (parameter.maximum() != null) {
				values.add(Long.toString(parameter.maximum() + 1));
			}
			value = this.grammar.pick(values);
		}
		else {
			value = FuzzGrammar.encode(this.grammar.pick(FuzzGrammar.HOSTILE_TEXT));
		}
		String query = parameter.name() + "=" + value;
		if (!write && this.grammar.chance(30)) {
			query += this.grammar.pick(List.of("&" + query, "&unknown=1", "&&&", "&=x", "&%zz=1", "&a=%zz",
					"&" + "p".repeat(3000) + "=1"));
		}
		byte[] target = target(endpoint, base.pathValues, query);
		byte[] body = base.body;
		if (body != null && !endpoint.isJson()) {
			// Some parameters of the imports accept a fuzzed value (header=true,
			// delimiter=*): a bad last record keeps the write refused, the parameter
			// still parsed.
			body = FuzzGrammar.concat(body, FuzzGrammar.bytes("\"unterminated\n"));
		}
		return refused(endpoint, "query",
				request(base.method, target, headers(base.key, endpoint.contentType()), body, false), write);
	}

	private FuzzRequest contentType(Endpoint endpoint, Base base) {
		List<String> types = new ArrayList<>();
		for (String type : FuzzGrammar.WRONG_CONTENT_TYPES) {
			boolean admin = "admin".equals(endpoint.role());
			// A lenient JSON converter may take these for JSON: never risk starting a
			// refit.
			boolean maybeJson = type.contains("json") || type.contains("*");
			if (!type.startsWith(endpoint.contentType()) && !(endpoint.isJson() && type.startsWith("application/json;"))
					&& !(admin && maybeJson)) {
				types.add(type);
			}
		}
		types.add("<none>");
		String type = this.grammar.pick(types);
		List<String> headers = headers(base.key, null);
		if (!type.equals("<none>")) {
			headers.add("Content-Type: " + type);
		}
		return refused(endpoint, "content-type", request(base.method, base.target, headers, base.body, false),
				!endpoint.isRead());
	}

	private FuzzRequest bodySyntax(Endpoint endpoint, Base base, boolean admin) {
		byte[] body;
		// A prefix of a CSV is still a CSV: only garbage and nothing are defects there.
		int choice = admin ? 0 : endpoint.isJson() ? this.grammar.nextInt(6) : 1 + 2 * this.grammar.nextInt(2);
		body = switch (choice) {
			case 0 -> properPrefix(base.body);
			case 1 -> this.grammar.pick(surelyInvalidGarbage(endpoint));
			case 2 -> this.grammar.deepNesting();
			case 3 -> new byte[0];
			case 4 -> endpoint.isJson() ? lenientNumber(endpoint) : properPrefix(base.body);
			default ->
				endpoint.isJson() ? invalidUtf8InString(base.body) : this.grammar.pick(FuzzGrammar.GARBAGE_BODIES);
		};
		if (!endpoint.isJson() && choice != 0 && choice != 3) {
			// CSV bodies: the garbage becomes a header line without the needed columns.
			body = FuzzGrammar.concat(body, FuzzGrammar.bytes("\n"));
		}
		boolean halfClose = false;
		byte[] bytes;
		if (this.grammar.chance(5) && body.length > 0) {
			// Declared longer than sent, then end of input.
			List<String> headers = headers(base.key, endpoint.contentType());
			headers.add("Content-Length: " + (body.length + 1 + this.grammar.nextInt(100)));
			bytes = request(base.method, base.target, headers, null, false);
			bytes = FuzzGrammar.concat(bytes, body);
			halfClose = true;
		}
		else {
			bytes = request(base.method, base.target, headers(base.key, endpoint.contentType()), body,
					this.grammar.chance(20));
		}
		return new FuzzRequest(endpoint.name(), "body-syntax", bytes, halfClose, !endpoint.isRead(), false);
	}

	private FuzzRequest bodySchema(Endpoint endpoint, Base base) {
		Object example = Schemas.example(endpoint.bodySchema(), this.prefix + this.sequence + "-");
		List<Location> locations = Schemas.locations(example, endpoint.bodySchema());
		String json = null;
		for (int attempt = 0; json == null && attempt < 20; attempt++) {
			json = mutate(example, this.grammar.pick(locations));
		}
		if (json == null) {
			json = Schemas.render(example, List.of(),
					this.grammar.wrongType(endpoint.bodySchema().path("type").asString("")));
		}
		return refused(endpoint, "body-schema", request(base.method, base.target,
				headers(base.key, endpoint.contentType()), FuzzGrammar.bytes(json), this.grammar.chance(10)), true);
	}

	/** A mutation of one location that the schema says is invalid, or null. */
	private @Nullable String mutate(Object example, Location location) {
		JsonSchemaType type = JsonSchemaType.of(location);
		int choice = this.grammar.nextInt(6);
		// Only object members can be removed or nulled (an array element cannot).
		boolean member = location.name() != null;
		if (choice == 0 && member && location.required()) {
			return Schemas.render(example, location.path(), null);
		}
		if (choice == 1 && member && location.required()) {
			return Schemas.render(example, location.path(), "null");
		}
		if (choice == 2 && location.schema().has("maxLength")) {
			int max = location.schema().path("maxLength").asInt();
			return Schemas.render(example, location.path(),
					Schemas.quote("z".repeat(max + 1 + this.grammar.nextInt(3 * max))));
		}
		if (choice == 3 && location.name() != null && location.name().endsWith("Id")) {
			return Schemas.render(example, location.path(), this.grammar.invalidIdLiteral());
		}
		if (choice == 4 && type == JsonSchemaType.NUMBER && location.name() != null
				&& location.name().equals("rating")) {
			return Schemas.render(example, location.path(), this.grammar.pick(FuzzGrammar.BAD_NUMBER_LITERALS));
		}
		if (choice == 4 && location.schema().has("maxItems")) {
			int max = location.schema().path("maxItems").asInt();
			List<Object> many = new ArrayList<>();
			Object element = ((List<?>) Schemas.example(location.schema(), this.prefix)).get(0);
			for (int i = 0; i <= max; i++) {
				many.add(element);
			}
			return Schemas.render(many, List.of(), null);
		}
		if (choice == 5 && location.schema().has("minItems")) {
			return Schemas.render(example, location.path(), "[]");
		}
		if (type != JsonSchemaType.UNKNOWN && type != JsonSchemaType.ANY) {
			return Schemas.render(example, location.path(), this.grammar.wrongType(type.name));
		}
		if (type == JsonSchemaType.ANY && location.name() != null && location.name().equals("ratedAt")) {
			return Schemas.render(example, location.path(),
					this.grammar.pick(List.of("true", "[]", "{}", "\"yesterday\"", "\"2026-13-45T99:99:99Z\"",
							"\"1969-12-31T23:59:59Z\"", "99999999999999999", "-1", "1e400", "\"NaN\"",
							"\"2026-01-01T00:00:00\"", "\"" + "9".repeat(40) + "\"")));
		}
		return null;
	}

	private FuzzRequest csv(Endpoint endpoint, Base base) {
		StringBuilder csv = new StringBuilder();
		List<String> headers = List.of("userId,itemId,rating,timestamp", "user,item,rating", "USERID,ITEMID,RATING",
				"userId,itemId", "a,b,c", "\"userId\",\"itemId\",\"rating\"", "userId;itemId;rating", "");
		String header = this.grammar.pick(headers);
		csv.append(header).append('\n');
		String user = this.prefix + "csv" + this.sequence;
		int lines = 1 + this.grammar.nextInt(5);
		// Bad whatever the header: the id and rating columns are always there.
		List<String> bad = List.of(user + ",i1,9,1700000000", user + ",i1,NaN,1700000000", user + ",i1,,1700000000",
				user + ",i1,abc,1700000000", ",i1,3,1700000000", user + ",,3,1700000000", "\"" + user + ",i1,3",
				user + ",\"i1,3", user + "\u0001,i1,3,1700000000", user + ",i1,1e400,1700000000",
				"x".repeat(200) + ",i1,3,1700000000", user + ",i1,3.25,1700000000", user + ",i1,-0,1700000000",
				user + ",i1,Infinity", user + "," + "y".repeat(129) + ",4");
		// Bad only where the header has a timestamp column: noise.
		List<String> noise = List.of(user + ",i1,3,not-a-time", user + ",i1,3,99999999999999999999",
				user + ",i1,3,-99999999999");
		for (int i = 0; i < lines; i++) {
			csv.append(this.grammar.chance(50) ? this.grammar.pick(this.grammar.chance(50) ? bad : noise)
					: user + ",i" + i + ",3,1700000000")
				.append('\n');
		}
		// At least one bad line, so that the default onError=reject refuses the import;
		// for
		// the catalogue, whose lines are valid whatever the rating, an unterminated
		// quote.
		csv.append(endpoint.template().equals("/items/import") ? "\"" + user + ",i1,3" : this.grammar.pick(bad))
			.append('\n');
		byte[] body = FuzzGrammar.bytes(csv.toString());
		if (this.grammar.chance(15)) {
			body = FuzzGrammar.concat(body, new byte[] { 'u', (byte) 0xC3, 0x28, ',', 'i', ',', '3', '\n' });
		}
		if (this.grammar.chance(3)) {
			body = FuzzGrammar.concat(body,
					FuzzGrammar.bytes(user + ",i9,3,1700000000," + "w".repeat(1024 * 1024 + 10) + "\n"));
		}
		return refused(endpoint, "csv", request(base.method, base.target, headers(base.key, endpoint.contentType()),
				body, this.grammar.chance(30)), true);
	}

	private FuzzRequest method(Endpoint endpoint, Base base) {
		Set<String> documented = new java.util.HashSet<>();
		for (Endpoint other : this.endpoints) {
			if (other.template().equals(endpoint.template())) {
				documented.add(other.method());
			}
		}
		List<String> methods = new ArrayList<>();
		for (String method : List.of("PATCH", "TRACE", "FOO", "get", "PROPFIND", "DELETE", "PUT", "POST", "GET",
				"M-SEARCH", "G\u00C9T")) {
			if (!documented.contains(method) && !(method.equals("GET") && documented.contains("GET"))) {
				methods.add(method);
			}
		}
		methods.removeIf((method) -> DOCUMENTED_METHODS.contains(method) && documented.contains(method));
		String method = this.grammar.pick(methods);
		return refused(endpoint, "method",
				request(method, base.target, headers(base.key, endpoint.contentType()), base.body, false),
				!endpoint.isRead() || !method.equals("GET"));
	}

	private FuzzRequest headers(Endpoint endpoint, Base base, boolean write) {
		List<String> headers = headers(base.key, endpoint.contentType());
		int choice = this.grammar.nextInt(write ? 4 : 9);
		switch (choice) {
			case 0 -> headers.add("X-Big: " + "h".repeat(10_000 + this.grammar.nextInt(60_000)));
			case 1 -> {
				for (int i = 0; i < 120; i++) {
					headers.add("X-Many-" + i + ": " + i);
				}
			}
			case 2 -> headers.add("Bad Header: x");
			case 3 -> headers.add("X-Ctl: a\u0000b");
			case 4 -> headers.add("Accept: " + this.grammar.pick(List.of("application/xml", "text/html", "image/png",
					"application/json;q=0", "}{", "text/csv", "*/*;q=abc")));
			case 5 -> headers.add("Accept-Charset: " + this.grammar.pick(List.of("ebcdic", "utf-32", "}{")));
			case 6 -> headers.add("Range: bytes=" + this.grammar.pick(List.of("0-1", "-1", "abc", "9-1")));
			case 7 -> headers.add("If-None-Match: " + this.grammar.pick(List.of("*", "\"x\"", "W/")));
			default -> headers.add("Content-Encoding: " + this.grammar.pick(List.of("gzip", "br", "x-unknown")));
		}
		return refused(endpoint, "headers", request(base.method, base.target, headers, base.body, false), write);
	}

	private FuzzRequest protocol(Endpoint endpoint, Base base) {
		String path = new String(base.target, StandardCharsets.ISO_8859_1);
		boolean write = !endpoint.isRead();
		// Tomcat may tolerate some of these (HTTP/1.1 allows it to): never with a key
		// that could start a refit.
		String key = (base.key != null && !"admin".equals(endpoint.role()) || base.key != null && !write)
				? "X-API-Key: " + base.key + "\r\n" : "";
		String hostLine = "Host: " + this.host + "\r\n";
		boolean halfClose = false;
		// Cases the server may accept by RFC 9112 (a doubled space, absolute-form with
		// its own host, obs-fold) are no defects, so writes do not get them.
		int variant;
		do {
			variant = this.grammar.nextInt(16);
		}
		while (write && (variant == 2 || variant == 4 || variant == 14));
		String raw = switch (variant) {
			case 0 -> "GARBAGE\r\nConnection: close\r\n\r\n";
			case 1 -> base.method + " " + path + " HTTP/9.9\r\n" + hostLine + key + "Connection: close\r\n\r\n";
			case 2 -> base.method + "  " + path + " HTTP/1.1\r\n" + hostLine + key + "Connection: close\r\n\r\n";
			case 3 -> {
				halfClose = true;
				yield base.method + " " + path + "\r\n";
			}
			case 4 -> base.method + " http://evil.invalid" + path + " HTTP/1.1\r\n" + hostLine + key
					+ "Connection: close\r\n\r\n";
			case 5 -> base.method + " " + path + " HTTP/1.1\r\n" + key + "Connection: close\r\n\r\n";
			case 6 -> base.method + " " + path + " HTTP/1.1\r\n" + hostLine + "Host: other\r\n" + key
					+ "Connection: close\r\n\r\n";
			case 7 -> base.method + " " + path + "/%zz HTTP/1.1\r\n" + hostLine + key + "Connection: close\r\n\r\n";
			case 8 -> base.method + " " + path + "?" + "q".repeat(20_000) + " HTTP/1.1\r\n" + hostLine + key
					+ "Connection: close\r\n\r\n";
			case 9 -> base.method + " " + path + " HTTP/1.1\r\n" + hostLine + key
					+ "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}";
			case 10 -> base.method + " " + path + " HTTP/1.1\r\n" + hostLine + key
					+ "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}";
			case 11 -> base.method + " " + path + " HTTP/1.1\r\n" + hostLine + key
					+ "Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
			case 12 -> base.method + " " + path + " HTTP/1.1\r\n" + hostLine + key
					+ "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
			case 13 -> base.method + " " + path + " HTTP/1.1\r\n" + hostLine + key
					+ "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
			case 14 -> base.method + " " + path + " HTTP/1.1\r\n" + hostLine + key + "X-Folded: a\r\n b\r\n"
					+ "Connection: close\r\n\r\n";
			default -> {
				halfClose = true;
				yield base.method + " " + path + " HTTP/1.1\r\n" + hostLine + key
						+ "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"rat";
			}
		};
		return new FuzzRequest(endpoint.name(), "protocol", raw.getBytes(StandardCharsets.ISO_8859_1), halfClose,
				!endpoint.isRead(), false);
	}

	private FuzzRequest unknownPath(Endpoint endpoint, Base base) {
		List<String> paths = new ArrayList<>(List.of(endpoint.template(), "/", "/users", "/users/", "/ratings/",
				"/admin", "/admin/", "/items", "/items/", "/users/x/ratings/y/z", "//users//x", "/users/./x",
				"/users/../admin/models", "/USERS/x", "/users/x;y=1", "/v3/api-docs/../../admin", "/actuator/env",
				"/actuator/heapdump", "/actuator/../admin/models", "/error", "/index.html", "/%2e%2e/admin",
				"/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/.git/config", "/swagger-ui/../../admin/models"));
		if (!endpoint.isRead() && !endpoint.template().contains("{")) {
			// The template without parameters is the endpoint itself, not an unknown
			// path.
			paths.remove(endpoint.template());
		}
		String path = this.grammar.pick(paths);
		return refused(endpoint, "unknown-path", request(base.method, FuzzGrammar.bytes(path),
				headers(base.key, endpoint.contentType()), base.body, false), !endpoint.isRead());
	}

	private FuzzRequest refused(Endpoint endpoint, String category, byte[] bytes, boolean mustBeRefused) {
		return new FuzzRequest(endpoint.name(), category, bytes, false, mustBeRefused,
				new String(bytes, 0, Math.min(5, bytes.length), StandardCharsets.ISO_8859_1).startsWith("HEAD "));
	}

	/** The well-formed request every defect starts from. */
	private Base base(Endpoint endpoint) {
		Map<String, byte[]> pathValues = new LinkedHashMap<>();
		for (Endpoint.Parameter parameter : endpoint.in("path")) {
			pathValues.put(parameter.name(), FuzzGrammar.bytes(parameter.type().equals("integer")
					? Integer.toString(900_000_000 + this.grammar.nextInt(1000)) : this.prefix + this.sequence));
		}
		String query = "";
		byte[] body = null;
		if (endpoint.contentType() != null) {
			body = endpoint.isJson()
					? FuzzGrammar.bytes(Schemas.render(
							Schemas.example(endpoint.bodySchema(), this.prefix + this.sequence + "-"), List.of(), null))
					: FuzzGrammar.bytes(endpoint.bodySchema().path("example").asString("userId,itemId,rating\n"));
		}
		String key = switch (String.valueOf(endpoint.role())) {
			case "read" -> TestApiKeys.READ;
			case "write" -> TestApiKeys.WRITE;
			case "admin" -> TestApiKeys.ADMIN;
			default -> null;
		};
		return new Base(endpoint.method(), target(endpoint, pathValues, query), pathValues, query, body, key);
	}

	private static byte[] target(Endpoint endpoint, Map<String, byte[]> pathValues, String query) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String template = endpoint.template();
		int pos = 0;
		while (pos < template.length()) {
			int open = template.indexOf('{', pos);
			if (open < 0) {
				out.writeBytes(FuzzGrammar.bytes(template.substring(pos)));
				break;
			}
			int close = template.indexOf('}', open);
			out.writeBytes(FuzzGrammar.bytes(template.substring(pos, open)));
			out.writeBytes(pathValues.get(template.substring(open + 1, close)));
			pos = close + 1;
		}
		if (!query.isEmpty()) {
			out.writeBytes(FuzzGrammar.bytes("?" + query));
		}
		return out.toByteArray();
	}

	private static List<String> headers(@Nullable String key, @Nullable String contentType) {
		List<String> headers = new ArrayList<>();
		if (key != null) {
			headers.add("X-API-Key: " + key);
		}
		if (contentType != null) {
			headers.add("Content-Type: " + contentType);
		}
		return headers;
	}

	private byte[] request(String method, byte[] target, List<String> headers, byte @Nullable [] body,
			boolean chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(method.getBytes(StandardCharsets.UTF_8));
		out.write(' ');
		out.writeBytes(target);
		out.writeBytes(FuzzGrammar.bytes(" HTTP/1.1\r\nHost: " + this.host + "\r\nConnection: close\r\n"));
		for (String header : headers) {
			out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(FuzzGrammar.bytes("\r\n"));
		}
		boolean declared = headers.stream().anyMatch((h) -> h.regionMatches(true, 0, "Content-Length:", 0, 15));
		if (body != null && chunked) {
			out.writeBytes(FuzzGrammar.bytes("Transfer-Encoding: chunked\r\n\r\n"));
			int pos = 0;
			while (pos < body.length) {
				int size = Math.min(body.length - pos, 1 + this.grammar.nextInt(64 * 1024));
				out.writeBytes(FuzzGrammar.bytes(Integer.toHexString(size) + "\r\n"));
				out.write(body, pos, size);
				out.writeBytes(FuzzGrammar.bytes("\r\n"));
				pos += size;
			}
			out.writeBytes(FuzzGrammar.bytes("0\r\n\r\n"));
		}
		else if (body != null) {
			if (!declared) {
				out.writeBytes(FuzzGrammar.bytes("Content-Length: " + body.length + "\r\n"));
			}
			out.writeBytes(FuzzGrammar.bytes("\r\n"));
			out.writeBytes(body);
		}
		else {
			out.writeBytes(FuzzGrammar.bytes("\r\n"));
		}
		return out.toByteArray();
	}

	private byte[] properPrefix(byte @Nullable [] body) {
		byte[] whole = (body != null && body.length > 1) ? body : FuzzGrammar.bytes("{\"x\":1}");
		return java.util.Arrays.copyOf(whole, 1 + this.grammar.nextInt(whole.length - 1));
	}

	private List<byte[]> surelyInvalidGarbage(Endpoint endpoint) {
		if (!endpoint.isJson()) {
			return FuzzGrammar.GARBAGE_BODIES;
		}
		return List.of(FuzzGrammar.bytes("{"), FuzzGrammar.bytes("}"), FuzzGrammar.bytes("["),
				FuzzGrammar.bytes("{\"rating\":"), FuzzGrammar.bytes("{\"rating\" 4}"),
				FuzzGrammar.bytes("{'rating': 4}"), FuzzGrammar.bytes("{rating: 4}"),
				FuzzGrammar.bytes("{\"rating\":4,}"), FuzzGrammar.bytes("[1,2,]"),
				FuzzGrammar.bytes("<rating>4</rating>"), FuzzGrammar.bytes("rating=4"),
				// Not a UTF-16 body with a byte order mark: Jackson detects and reads it.

				new byte[] { 0x7B, 0x22, (byte) 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D },
				new byte[] { 0x5B, 0x22, (byte) 0xFF, 0x22, 0x5D }, new byte[] { 0x00, 0x00, 0x00 },
				FuzzGrammar.bytes("42"), FuzzGrammar.bytes("true"), FuzzGrammar.bytes("\"just a string\""),
				FuzzGrammar.bytes("null"), FuzzGrammar.bytes("\"\\u0000\""));
	}

	private byte[] lenientNumber(Endpoint endpoint) {
		String literal = this.grammar.pick(FuzzGrammar.LENIENT_LITERALS);
		return FuzzGrammar.bytes(endpoint.bodySchema().path("type").asString("").equals("array")
				? "[{\"userId\":\"u\",\"itemId\":\"i\",\"rating\":" + literal + "}]" : "{\"rating\":" + literal + "}");
	}

	private byte[] invalidUtf8InString(byte @Nullable [] body) {
		byte[] whole = (body != null) ? body : FuzzGrammar.bytes("{\"x\":\"y\"}");
		int quote = -1;
		for (int i = whole.length - 1; i >= 0; i--) {
			if (whole[i] == '"') {
				quote = i;
				break;
			}
		}
		if (quote < 0) {
			return FuzzGrammar.concat(whole, new byte[] { (byte) 0xC3 });
		}
		// Not the overlong C0 AF: Jackson decodes it to '/' without complaint (a known
		// leniency, reported), which makes it no defect.
		byte[] bad = this.grammar.pick(List.of(new byte[] { (byte) 0xC3, 0x28 }, new byte[] { (byte) 0xFF },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0x80 },
				new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }));
		return FuzzGrammar.concat(java.util.Arrays.copyOf(whole, quote), bad,
				java.util.Arrays.copyOfRange(whole, quote, whole.length));
	}

	/** A well-formed request: the starting point of each defect. */
	private record Base(String method, byte[] target, Map<String, byte[]> pathValues, String query,
			byte @Nullable [] body, @Nullable String key) {

	}

	/** The schema type of a location, as the wrong-type mutation needs it. */
	private enum JsonSchemaType {

		STRING("string"), NUMBER("number"), INTEGER("integer"), BOOLEAN("boolean"), ARRAY("array"), OBJECT("object"),
		ANY(""), UNKNOWN("?");

		final String name;

		JsonSchemaType(String name) {
			this.name = name;
		}

		static JsonSchemaType of(Location location) {
			if (location.schema().has("oneOf")) {
				return ANY;
			}
			String type = location.type();
			if (type.isEmpty() && location.schema().has("properties")) {
				return OBJECT;
			}
			for (JsonSchemaType candidate : values()) {
				if (candidate.name.equals(type)) {
					return candidate;
				}
			}
			return UNKNOWN;
		}

	}

}
