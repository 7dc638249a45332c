package io.mixrec.ratings;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP settings for large request bodies: "100 Continue" only once the application reads
 * the body. Body limits are in {@code mixrec.web.transfer.*}.
 */
@Configuration(proxyBeanMethods = false)
class RatingsWebConfiguration {

	/**
	 * Tomcat answers {@code Expect: 100-continue} at once by default, so clients that ask
	 * first (curl does for bodies over 1 MB) upload the body even when the answer is 401
	 * or 413. Answering when the application starts reading lets a rejected client skip
	 * the upload of a multi-gigabyte CSV.
	 * @return the customizer
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> continueOnRead() {
		return (factory) -> factory
			.addConnectorCustomizers((connector) -> connector.setProperty("continueResponseTiming", "onRead"));
	}

}
