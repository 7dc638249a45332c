package io.mixrec.model;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an instance keeps its serving model current.
 *
 * @param pollInterval how often to check the active version besides LISTEN/NOTIFY, which
 * loses notifications while disconnected
 * @param reconnectDelay pause before re-opening the notification connection after it
 * broke
 */
@ConfigurationProperties("mixrec.model")
public record ModelProperties(@DefaultValue("5s") Duration pollInterval, @DefaultValue("2s") Duration reconnectDelay) {

}
