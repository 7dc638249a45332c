package io.mixrec.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the feature controllers that do not exist yet: answers 200 for every
 * method on one path of each endpoint class, so that the security rules alone decide the
 * status. A {@link TestComponent}, so that component scanning in other test contexts
 * ignores it; the slice tests import it explicitly.
 */
@TestComponent
@RestController
class EndpointsController {

	@RequestMapping({ "/users/{id}", "/ratings", "/items/{id}", "/recommendations/{user}", "/admin/refit" })
	String any(HttpServletRequest request) {
		return request.getMethod() + " " + request.getRequestURI();
	}

}
