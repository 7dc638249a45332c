package io.mixrec.refit;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * This process's name in {@code model_versions.owner}: host, pid and a random suffix, so
 * that two processes (or one restarted) never share it.
 */
@Component
class InstanceId {

	private final String value;

	InstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		this.value = host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	String value() {
		return this.value;
	}

}
