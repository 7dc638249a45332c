package io.mixrec.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem detail straight to a servlet response, for the places outside Spring
 * MVC's message conversion: the security filter chain (401/403) and the container's error
 * page. Everything else goes through {@link ProblemDetailsAdvice}; both produce the same
 * JSON shape (members flattened as RFC 9457 requires).
 */
@Component
public class ProblemDetailsWriter {

	private final JsonMapper jsonMapper;

	ProblemDetailsWriter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Build a problem with a generic title for the status.
	 * @param status the HTTP status
	 * @param type the problem type
	 * @param detail explanation for the client
	 * @param instance the request path the problem is about
	 * @return the problem
	 */
	public static ProblemDetail problem(HttpStatusCode status, URI type, String detail, @Nullable String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setInstance(instanceUri(instance));
		return problem;
	}

	/**
	 * The {@code instance} member for a request path.
	 * @param path the request path as received (still percent-encoded)
	 * @return the path as a relative URI, or {@code null} if it is not a valid URI
	 */
	static @Nullable URI instanceUri(@Nullable String path) {
		if (path == null) {
			return null;
		}
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			// Requests that fail parsing can carry paths that are no URI; leave it out.
			return null;
		}
	}

	/**
	 * Write the problem as the complete response: status, content type
	 * {@code application/problem+json} and body. Does nothing if the response is already
	 * committed (the client has received a status line already).
	 * @param response the response to write
	 * @param problem the problem to write
	 * @throws IOException if writing fails
	 */
	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(problem.getStatus());
		// Bytes, not a Writer: JSON is UTF-8 (RFC 8259), no charset parameter needed.
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.jsonMapper.writeValue(response.getOutputStream(), toMap(problem));
	}

	/**
	 * The problem as JSON text, for writers that own the response themselves.
	 * @param problem the problem
	 * @return the JSON document
	 */
	String toJson(ProblemDetail problem) {
		return this.jsonMapper.writeValueAsString(toMap(problem));
	}

	/**
	 * A detail for failures that happened outside any mixrec code (container, filters),
	 * where the only safe thing to say is the status: container messages and exception
	 * texts can describe server internals.
	 * @param status the HTTP status
	 * @return the detail
	 */
	static String genericDetail(HttpStatusCode status) {
		if (status.is5xxServerError()) {
			return "An unexpected error occurred. It has been logged on the server.";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return "The server rejected the request"
				+ ((known != null) ? ": " + known.getReasonPhrase().toLowerCase(Locale.ROOT) : "") + ".";
	}

	private static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> json = new LinkedHashMap<>();
		URI type = problem.getType();
		// RFC 9457 3.1.1: a problem without a type is "about:blank"
		json.put("type", (type != null) ? type.toString() : "about:blank");
		if (problem.getTitle() != null) {
			json.put("title", problem.getTitle());
		}
		json.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			json.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			json.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			problem.getProperties().forEach(json::putIfAbsent);
		}
		String requestId = RequestIds.current();
		if (requestId != null) {
			json.putIfAbsent("requestId", requestId);
		}
		return json;
	}

}
