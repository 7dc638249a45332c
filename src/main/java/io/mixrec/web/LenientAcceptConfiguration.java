package io.mixrec.web;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Treats an {@code Accept} header that cannot be parsed ({@code *}{@code /*;q=abc}) as
 * absent, i.e. as accepting anything. Spring MVC's default fails content negotiation for
 * it, and since the problem detail that reports a failure is negotiated with the same
 * header, the client got a bare status with an empty body. A well-formed {@code Accept}
 * that allows no JSON still gets 406.
 */
@Configuration(proxyBeanMethods = false)
class LenientAcceptConfiguration implements WebMvcConfigurer {

	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.strategies(List.of(new LenientHeaderStrategy()));
	}

	static final class LenientHeaderStrategy implements ContentNegotiationStrategy {

		private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

		@Override
		public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
			try {
				return this.header.resolveMediaTypes(request);
			}
			catch (HttpMediaTypeNotAcceptableException ex) {
				return MEDIA_TYPE_ALL_LIST;
			}
		}

	}

}
