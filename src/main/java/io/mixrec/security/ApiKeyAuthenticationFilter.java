package io.mixrec.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the {@value #HEADER} header. No header: the request continues anonymously and the
 * authorization rules decide. A known key: the request continues authenticated with the
 * key's role. An unknown key: 401 at once, even where anonymous access would be allowed,
 * so that a client with a mistyped or revoked key notices instead of silently losing its
 * privileges.
 *
 * <p>
 * Not a Spring bean on purpose: Spring Boot would also register a bean filter with the
 * servlet container, and it would run twice.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	/** The request header that carries the API key. */
	static final String HEADER = "X-API-Key";

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final AuthenticationManager authenticationManager;

	private final AuthenticationEntryPoint entryPoint;

	ApiKeyAuthenticationFilter(AuthenticationManager authenticationManager, AuthenticationEntryPoint entryPoint) {
		this.authenticationManager = authenticationManager;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		Authentication result;
		try {
			result = this.authenticationManager.authenticate(ApiKeyAuthenticationToken.unauthenticated(key));
		}
		catch (AuthenticationException ex) {
			this.contextHolder.clearContext();
			this.entryPoint.commence(request, response, ex);
			return;
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(result);
		this.contextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
