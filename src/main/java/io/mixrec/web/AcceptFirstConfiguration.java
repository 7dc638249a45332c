package io.mixrec.web;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Answers 406 before a controller runs, not after: Spring MVC negotiates the answer's
 * content type once the handler has returned, so a {@code PUT} with
 * {@code Accept: text/html} stored its rating and then answered 406, and a client that
 * retries on errors wrote twice. Every mixrec endpoint that answers with a body answers
 * JSON, unless its mapping declares {@code produces}; endpoints without a body (204) have
 * nothing to negotiate.
 */
@Configuration(proxyBeanMethods = false)
class AcceptFirstConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AcceptFirst());
	}

	static final class AcceptFirst implements HandlerInterceptor {

		private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

		private final LenientAcceptConfiguration.LenientHeaderStrategy accept = new LenientAcceptConfiguration.LenientHeaderStrategy();

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws HttpMediaTypeNotAcceptableException {
			if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith("io.mixrec.")
					|| method.isVoid()) {
				return true;
			}
			List<MediaType> producible = producible(request);
			for (MediaType accepted : this.accept.resolveMediaTypes(new ServletWebRequest(request))) {
				for (MediaType candidate : producible) {
					if (accepted.isCompatibleWith(candidate)) {
						return true;
					}
				}
			}
			throw new HttpMediaTypeNotAcceptableException(producible);
		}

		@SuppressWarnings("unchecked")
		private static List<MediaType> producible(HttpServletRequest request) {
			Object declared = request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
			if (declared instanceof Set<?> types && !types.isEmpty()) {
				return List.copyOf((Set<MediaType>) types);
			}
			return JSON;
		}

	}

}
