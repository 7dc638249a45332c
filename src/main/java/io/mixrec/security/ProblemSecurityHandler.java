package io.mixrec.security;

import java.io.IOException;

import io.mixrec.web.ErrorTypes;
import io.mixrec.web.ProblemDetailsWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers security failures as problem details: 401 when the request has no key or an
 * unknown key, 403 when the key's role is too low. The detail never contains the key.
 */
final class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ProblemDetailsWriter writer;

	ProblemSecurityHandler(ProblemDetailsWriter writer) {
		this.writer = writer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String detail = (authException instanceof BadCredentialsException)
				? "The API key in the " + ApiKeyAuthenticationFilter.HEADER + " header is not valid."
				: "This request needs an API key in the " + ApiKeyAuthenticationFilter.HEADER + " header.";
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
		this.writer.write(response, ProblemDetailsWriter.problem(HttpStatus.UNAUTHORIZED, ErrorTypes.UNAUTHORIZED,
				detail, request.getRequestURI()));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.writer.write(response, ProblemDetailsWriter.problem(HttpStatus.FORBIDDEN, ErrorTypes.FORBIDDEN,
				"The role of this API key does not allow this request.", request.getRequestURI()));
	}

}
