package io.mixrec.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process runs as root, which PostgreSQL refuses ({@code initdb} and
 * {@code postgres} exit with "cannot be run as root").
 */
public final class RunningUser {

	private RunningUser() {
	}

	/**
	 * @return true if the effective user is root (uid 0) on a Unix-like system
	 */
	public static boolean isRoot() {
		Path self = Path.of("/proc/self");
		if (Files.isDirectory(self)) {
			try {
				// the owner of /proc/self is the process's effective uid
				return ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
			}
			catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
				// fall through to the user name
			}
		}
		return "root".equals(System.getProperty("user.name"));
	}

}
