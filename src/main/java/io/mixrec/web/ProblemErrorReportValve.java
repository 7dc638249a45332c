package io.mixrec.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last-resort error report as problem details instead of an HTML page. Tomcat
 * uses it for requests it rejects before they reach the application, e.g. a path with an
 * invalid percent-encoding ({@code /users/%zz}), so the servlet error page
 * ({@link ProblemErrorController}) never runs for them. Installed by
 * {@link ProblemErrorReportValveCustomizer}.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	private final ProblemDetailsWriter writer;

	ProblemErrorReportValve(ProblemDetailsWriter writer) {
		this.writer = writer;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int statusCode = response.getStatus();
		// Same guards as Tomcat's own reports: only errors, only if the application wrote
		// nothing, and only once per response.
		if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String detail;
		if (statusCode == 501 || statusCode == 505) {
			// Tomcat's answers to a transfer coding it does not know and to an HTTP
			// version
			// other than 1.x: the client's fault, and a 5xx would page whoever watches
			// the
			// error rate (and invite retries). RFC 9112 allows 400 for both.
			detail = (statusCode == 505) ? "Unsupported HTTP version; use HTTP/1.1."
					: "Unsupported transfer coding; send the body with Content-Length or chunked.";
			response.setStatus(400);
			statusCode = 400;
		}
		else {
			detail = ProblemDetailsWriter.genericDetail(HttpStatusCode.valueOf(statusCode));
		}
		HttpStatusCode status = HttpStatusCode.valueOf(statusCode);
		// No instance: the rejected request line is not a trustworthy URI. Rejected
		// before
		// any filter ran, so the request has no id yet.
		ProblemDetail problem = ProblemDetailsWriter.problem(status, ErrorTypes.forStatus(status), detail, null);
		String requestId = response.getHeader(RequestIds.HEADER);
		if (requestId == null) {
			requestId = RequestIds.accept(null);
			response.setHeader(RequestIds.HEADER, requestId);
		}
		problem.setProperty("requestId", requestId);
		String json = this.writer.toJson(problem);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer out = response.getReporter();
			if (out != null) {
				out.write(json);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed meanwhile: nobody to tell.
		}
	}

}
