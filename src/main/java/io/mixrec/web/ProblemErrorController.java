package io.mixrec.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}) as problem details. Errors that
 * never reach a Spring MVC handler end up here: a filter that calls {@code sendError}
 * (Spring Security's firewall rejecting a malformed URL, for example) or an exception
 * thrown by a filter. Replaces Spring Boot's {@code BasicErrorController}, which would
 * answer with its own JSON shape or an HTML page.
 *
 * <p>
 * The body is written directly, whatever the {@code Accept} header says: content
 * negotiation failing inside the error page would leave the client with an empty
 * response. Container messages and exception texts are never copied into the detail,
 * since they can describe server internals.
 */
@Controller
class ProblemErrorController implements ErrorController {

	private final ProblemDetailsWriter writer;

	ProblemErrorController(ProblemDetailsWriter writer) {
		this.writer = writer;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatusCode status = status(request);
		String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ProblemDetail problem = ProblemDetailsWriter.problem(status, ErrorTypes.forStatus(status),
				ProblemDetailsWriter.genericDetail(status), (path != null) ? path : request.getRequestURI());
		this.writer.write(response, problem);
	}

	private static HttpStatusCode status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value && value >= 400 && value <= 599) {
			return HttpStatusCode.valueOf(value);
		}
		// Requested directly rather than dispatched to by the container: there is no
		// error to describe and no resource at this path.
		return HttpStatus.NOT_FOUND;
	}

}
