package io.mixrec.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.mixrec.security.SecurityConfiguration;
import io.mixrec.web.ProblemDetailsWriter;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

/**
 * A {@link WebMvcTest} slice with mixrec's real security rules and problem details, and
 * the API keys of {@link TestApiKeys}. No database: mock the services the controller
 * calls with {@code @MockitoBean}. Inject a {@code MockMvcTester}.
 *
 * <pre class="code">
 * &#64;MixrecWebMvcTest(RatingsController.class)
 * class RatingsControllerTests {
 *
 *     &#64;Autowired
 *     MockMvcTester mvc;
 *
 *     &#64;MockitoBean
 *     RatingsService ratings;
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import({ SecurityConfiguration.class, ProblemDetailsWriter.class })
@ActiveProfiles("test")
public @interface MixrecWebMvcTest {

	/**
	 * The controllers to test; empty means all controllers.
	 * @return the controllers
	 */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

	/**
	 * Extra properties in {@code key=value} form.
	 * @return the properties
	 */
	@AliasFor(annotation = WebMvcTest.class, attribute = "properties")
	String[] properties() default {};

}
