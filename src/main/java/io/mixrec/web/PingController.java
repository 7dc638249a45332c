package io.mixrec.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ping}: {@code {"status":"ok"}}, answered without touching the database or
 * the model. It passes through everything any other request passes through (Tomcat, the
 * security filters, Spring MVC, Jackson, metrics), so it measures what the server costs
 * per request with no work inside: the baseline of the load benchmarks.
 */
@RestController
class PingController {

	private static final Pong PONG = new Pong("ok");

	@GetMapping("/ping")
	Pong ping() {
		return PONG;
	}

	/**
	 * The answer.
	 *
	 * @param status always {@code ok}
	 */
	record Pong(String status) {
	}

}
