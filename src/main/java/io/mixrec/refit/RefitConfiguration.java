package io.mixrec.refit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the scheduled refit and the reaper of dead runs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RefitConfiguration {

}
