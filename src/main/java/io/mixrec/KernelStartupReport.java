package io.mixrec;

import io.mixrec.em.KernelChoice;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Logs once, when the service has started, which EM kernels it fits and folds in with:
 * SIMD or scalar, and why scalar (a JVM without {@code jdk.incubator.vector} is slower,
 * not wrong, so nothing else would show it).
 */
@Component
class KernelStartupReport implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log log = LogFactory.getLog(KernelStartupReport.class);

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (event.getApplicationContext().getParent() == null) {
			log.info("EM kernels: " + KernelChoice.describe());
		}
	}

}
