package io.mixrec.security;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

class RoleHierarchyTests {

	private final RoleHierarchy hierarchy = SecurityConfiguration.roleHierarchy();

	@Test
	void adminImpliesWriteAndRead() {
		assertThat(reachable(Role.ADMIN)).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_WRITE", "ROLE_READ");
	}

	@Test
	void writeImpliesRead() {
		assertThat(reachable(Role.WRITE)).containsExactlyInAnyOrder("ROLE_WRITE", "ROLE_READ");
	}

	@Test
	void readImpliesNothingElse() {
		assertThat(reachable(Role.READ)).containsExactly("ROLE_READ");
	}

	private List<String> reachable(Role role) {
		Collection<? extends GrantedAuthority> authorities = this.hierarchy
			.getReachableGrantedAuthorities(List.of(new SimpleGrantedAuthority(role.authority())));
		return List.copyOf(AuthorityUtils.authorityListToSet(authorities));
	}

}
