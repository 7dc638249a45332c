package io.mixrec.security;

/**
 * What an API key may do. Ordered by power: {@link #ADMIN} implies {@link #WRITE} implies
 * {@link #READ} (see {@link SecurityConfiguration#roleHierarchy()}). Configuration
 * accepts the lower-case names ({@code read}, {@code write}, {@code admin}).
 */
public enum Role {

	/** Read endpoints when {@code mixrec.security.require-read-key=true}. */
	READ,

	/** Endpoints that change data: everything that is not GET, HEAD or OPTIONS. */
	WRITE,

	/** {@code /admin/**} and the actuator endpoints other than health. */
	ADMIN;

	/**
	 * The Spring Security authority that stands for this role.
	 * @return {@code ROLE_} followed by the name
	 */
	public String authority() {
		return "ROLE_" + name();
	}

}
