package io.mixrec.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal HTTP client for tests against the running server
 * ({@link MixrecIntegrationTest}), built on the JDK client so that requests go over a
 * real socket through Tomcat, the security filter chain and Spring MVC.
 */
public final class ApiClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	/**
	 * A client for {@code http://localhost:port}.
	 * @param port the server port, from {@code @LocalServerPort}
	 */
	public ApiClient(int port) {
		this.port = port;
	}

	/**
	 * @return the server port this client talks to
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Send a request.
	 * @param method the HTTP method
	 * @param path the path and query, sent as given
	 * @param apiKey the {@code X-API-Key} header value, or null for none
	 * @return the response with its body as text
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String apiKey) {
		return send(method, path, apiKey, null, null);
	}

	/**
	 * Send a request with a body.
	 * @param method the HTTP method
	 * @param path the path and query, sent as given
	 * @param apiKey the {@code X-API-Key} header value, or null for none
	 * @param contentType the body's content type, or null for no body
	 * @param body the body, or null for none
	 * @return the response with its body as text
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String apiKey, @Nullable String contentType,
			@Nullable String body) {
		return send(method, path, apiKey, contentType, body, Map.of());
	}

	/**
	 * Send a request with a body and extra headers.
	 * @param method the HTTP method
	 * @param path the path and query, sent as given
	 * @param apiKey the {@code X-API-Key} header value, or null for none
	 * @param contentType the body's content type, or null for no body
	 * @param body the body, or null for none
	 * @param headers more headers (e.g. {@code Accept}, {@code X-Request-Id})
	 * @return the response with its body as text
	 */
	public HttpResponse<String> send(String method, String path, @Nullable String apiKey, @Nullable String contentType,
			@Nullable String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (apiKey != null) {
			request.header(TestApiKeys.HEADER, apiKey);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		headers.forEach(request::header);
		try {
			return this.client.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send the same request with the key of each role in turn.
	 * @param method the HTTP method
	 * @param path the path and query, sent as given
	 * @param roles the roles, as {@link TestApiKeys#of(String)} names them
	 * @return the status codes, in the order of the roles
	 */
	public List<Integer> statuses(String method, String path, String... roles) {
		return Arrays.stream(roles).map((role) -> send(method, path, TestApiKeys.of(role)).statusCode()).toList();
	}

	/**
	 * Send raw bytes and read until the server closes the connection, for requests that
	 * no well-behaved client can produce (malformed request lines, illegal headers).
	 * @param rawRequest the complete request, with CRLF line ends
	 * @return the raw response, status line included
	 */
	public String sendRaw(String rawRequest) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Raw request failed", ex);
		}
	}

	/**
	 * The response's content type, to assert on with {@code startsWith}.
	 * @param response a response
	 * @return its {@code Content-Type} header, or the empty string without one
	 */
	public static String contentType(HttpResponse<?> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	/**
	 * Parse a JSON body.
	 * @param body the JSON text
	 * @return the tree
	 */
	public static JsonNode json(String body) {
		return json.readTree(body);
	}

	/**
	 * Polls {@code GET /admin/refits/{id}} with the admin key until the refit no longer
	 * runs.
	 * @param id the refit's version
	 * @param timeout how long it may still run
	 * @return the refit's last view, whatever its status
	 * @throws AssertionError if it still runs after the timeout
	 */
	public JsonNode awaitRefit(long id, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			JsonNode refit = json(send("GET", "/admin/refits/" + id, TestApiKeys.ADMIN).body());
			if (!refit.get("status").asString().equals("running")) {
				return refit;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("refit " + id + " still running after " + timeout);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
