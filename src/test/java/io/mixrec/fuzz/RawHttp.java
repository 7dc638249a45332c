package io.mixrec.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, one connection per request: the request is sent as the
 * exact bytes given (so it may hold non-UTF-8 bytes, bad framing or illegal headers,
 * which no HTTP client library would produce), and the response is parsed leniently.
 */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 20_000;

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Send a request and read the response.
	 * @param request the complete request bytes
	 * @param halfClose whether to signal end of input after the request (for bodies
	 * shorter than their declared length)
	 * @return the response, or a response with status -1 when the server closed the
	 * connection without an answer, -2 when it did not answer in time
	 */
	Response send(byte[] request, boolean halfClose) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
				if (halfClose) {
					socket.shutdownOutput();
				}
			}
			catch (IOException ex) {
				// The server may answer (413, 400) and close before the whole body is
				// sent.
			}
			return parse(readAll(socket.getInputStream()));
		}
		catch (SocketTimeoutException ex) {
			return new Response(-2, Map.of(), new byte[0]);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach 127.0.0.1:" + this.port, ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] chunk = new byte[16 * 1024];
		try {
			int read;
			while ((read = in.read(chunk)) >= 0) {
				bytes.write(chunk, 0, read);
			}
		}
		catch (IOException ex) {
			if (ex instanceof SocketTimeoutException && bytes.size() == 0) {
				throw ex;
			}
			// Reset after the response was written (the server did not read our body).
		}
		return bytes.toByteArray();
	}

	static Response parse(byte[] raw) {
		int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		if (raw.length == 0 || headerEnd < 0) {
			return new Response(-1, Map.of(), raw);
		}
		String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
		String[] lines = head.split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		int status;
		try {
			status = Integer.parseInt(statusLine[1]);
		}
		catch (RuntimeException ex) {
			return new Response(-1, Map.of(), raw);
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		else if (headers.containsKey("content-length")) {
			int length = Integer.parseInt(headers.get("content-length"));
			body = java.util.Arrays.copyOf(body, Math.min(length, body.length));
		}
		return new Response(status, headers, body);
	}

	private static byte[] dechunk(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int pos = 0;
		while (pos < body.length) {
			int lineEnd = indexOf(body, pos, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
			if (lineEnd < 0) {
				break;
			}
			String sizeText = new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int size = Integer.parseInt(sizeText, 16);
			if (size == 0) {
				break;
			}
			out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
			pos = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		return indexOf(haystack, 0, needle);
	}

	private static int indexOf(byte[] haystack, int from, byte[] needle) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * A parsed response.
	 *
	 * @param status the status code; negative when there was none
	 * @param headers the headers, names in lower case
	 * @param body the body, de-chunked
	 */
	record Response(int status, Map<String, String> headers, byte[] body) {

		@Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
