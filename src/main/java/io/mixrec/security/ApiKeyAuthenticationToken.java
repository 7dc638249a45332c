package io.mixrec.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key as a Spring Security {@code Authentication}: unauthenticated it carries the
 * presented key; authenticated it carries a name that identifies the configured key
 * ({@code api-key[2]}) and the key's role as its only authority, but no longer the key.
 */
final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

	private final String name;

	private @Nullable String key;

	private ApiKeyAuthenticationToken(String name, @Nullable String key, @Nullable Role role) {
		super((role != null) ? List.of(new SimpleGrantedAuthority(role.authority())) : List.of());
		this.name = name;
		this.key = key;
		setAuthenticated(role != null);
	}

	static ApiKeyAuthenticationToken unauthenticated(String presentedKey) {
		return new ApiKeyAuthenticationToken("api-key", presentedKey, null);
	}

	static ApiKeyAuthenticationToken authenticated(int keyIndex, Role role) {
		return new ApiKeyAuthenticationToken("api-key[" + keyIndex + "]", null, role);
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.key = null;
	}

}
