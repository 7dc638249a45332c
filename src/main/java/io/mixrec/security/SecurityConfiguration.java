package io.mixrec.security;

import java.util.List;
import java.util.Set;

import io.mixrec.web.ProblemDetailsWriter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The request rules, in order (first match wins):
 * <ol>
 * <li>error dispatches ({@code /error} rendering a failure that was already decided):
 * open;</li>
 * <li>{@code /actuator/health/**}: open, for load balancers and container health
 * checks;</li>
 * <li>GET and HEAD of the dashboard's files ({@code /dashboard/**}): open; they hold no
 * data, which the page fetches from the admin API with the key the operator enters;</li>
 * <li>any other {@code /actuator/**}: admin;</li>
 * <li>{@code /admin/**}: admin;</li>
 * <li>GET, HEAD and OPTIONS anywhere else: read (the default), or open when
 * {@code mixrec.security.require-read-key=false};</li>
 * <li>everything else (POST, PUT, PATCH, DELETE, ...): write.</li>
 * </ol>
 * Admin implies write implies read. Paths without a controller follow the same rules, so
 * a request that is allowed reaches Spring MVC and gets its 404 problem there. The
 * OpenAPI description ({@code /v3/api-docs}) and Swagger UI are reads like any other:
 * open, or behind a read key. {@link AccessRules} states these rules as a function for
 * the description of each operation; keep the two in step.
 *
 * <p>
 * Stateless: no session, no CSRF protection (no cookies are used, so there is nothing to
 * forge), no form login, no HTTP basic. Public so that test slices can import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	/**
	 * The dashboard runs only its own files: no inline script or style, no other origin,
	 * no framing.
	 */
	private static final String DASHBOARD_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final RequestMatcher DASHBOARD_FILES = (
			request) -> ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) && AccessRules
				.isDashboardFile(request.getRequestURI().substring(request.getContextPath().length()));

	/**
	 * ADMIN implies WRITE implies READ; picked up by {@code authorizeHttpRequests}.
	 * @return the role hierarchy
	 */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.ADMIN.name())
			.implies(Role.WRITE.name())
			.role(Role.WRITE.name())
			.implies(Role.READ.name())
			.build();
	}

	/**
	 * The configured keys; without any, the service's own admin key from the database
	 * ({@link BootstrapAdminKey}), created at the first start. Test slices without a
	 * database get no key at all.
	 * @param properties the configured keys
	 * @param jdbc the database, if there is one
	 * @return the provider
	 */
	@Bean
	@DependsOnDatabaseInitialization
	ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(SecurityProperties properties,
			ObjectProvider<JdbcClient> jdbc) {
		if (!properties.apiKeys().isEmpty()) {
			return new ApiKeyAuthenticationProvider(properties.apiKeys());
		}
		JdbcClient client = jdbc.getIfAvailable();
		if (client == null) {
			return new ApiKeyAuthenticationProvider(List.of());
		}
		return new ApiKeyAuthenticationProvider(BootstrapAdminKey.matcher(new StoredApiKeys(client), System.out));
	}

	@Bean
	ApiKeyStartupReport apiKeyStartupReport(SecurityProperties properties) {
		return new ApiKeyStartupReport(properties);
	}

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
			ApiKeyAuthenticationProvider provider, ProblemDetailsWriter problemWriter) throws Exception {
		ProblemSecurityHandler problems = new ProblemSecurityHandler(problemWriter);
		RequestMatcher readRequests = (request) -> READ_METHODS.contains(request.getMethod());
		http.headers((headers) -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
				PathPatternRequestMatcher.withDefaults().matcher("/dashboard/**"),
				new StaticHeadersWriter("Content-Security-Policy", DASHBOARD_POLICY))))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new ApiKeyAuthenticationFilter(new ProviderManager(provider), problems),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
				requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
				requests.requestMatchers(DASHBOARD_FILES).permitAll();
				requests.requestMatchers("/actuator", "/actuator/**").hasRole(Role.ADMIN.name());
				requests.requestMatchers("/admin", "/admin/**").hasRole(Role.ADMIN.name());
				if (properties.requireReadKey()) {
					requests.requestMatchers(readRequests).hasRole(Role.READ.name());
				}
				else {
					requests.requestMatchers(readRequests).permitAll();
				}
				requests.anyRequest().hasRole(Role.WRITE.name());
			});
		return http.build();
	}

}
