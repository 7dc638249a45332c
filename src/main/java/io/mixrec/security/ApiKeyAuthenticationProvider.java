package io.mixrec.security;

import java.util.List;

import io.mixrec.security.SecurityProperties.ApiKey;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Authenticates {@link ApiKeyAuthenticationToken}s against the configured keys. Being an
 * {@link AuthenticationProvider} bean also tells Spring Boot not to create its default
 * in-memory user with a generated password, which this service has no use for.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final ApiKeyMatcher matcher;

	ApiKeyAuthenticationProvider(List<ApiKey> keys) {
		this(new ApiKeyMatcher(keys));
	}

	ApiKeyAuthenticationProvider(ApiKeyMatcher matcher) {
		this.matcher = matcher;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		Object key = authentication.getCredentials();
		if (!(key instanceof String presented)) {
			throw new BadCredentialsException("No API key");
		}
		return this.matcher.match(presented)
			.map((match) -> ApiKeyAuthenticationToken.authenticated(match.index(), match.role()))
			.orElseThrow(() -> new BadCredentialsException("Unknown API key"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
