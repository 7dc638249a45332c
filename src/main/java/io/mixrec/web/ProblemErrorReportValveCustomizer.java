package io.mixrec.web;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Replaces the error report valve of the embedded Tomcat's host (Spring Boot's, or
 * Tomcat's default) with {@link ProblemErrorReportValve}. Runs after Spring Boot's own
 * Tomcat customizer, which installs the valve being replaced.
 */
@Component
class ProblemErrorReportValveCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final ProblemDetailsWriter writer;

	ProblemErrorReportValveCustomizer(ProblemDetailsWriter writer) {
		this.writer = writer;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> install(context.getParent()));
	}

	private void install(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ProblemErrorReportValve(this.writer));
		if (host instanceof StandardHost standardHost) {
			// Otherwise the host adds Tomcat's HTML valve again when it starts, because
			// it
			// looks for a valve of exactly this class name.
			standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
