package io.mixrec.cli;

import org.jspecify.annotations.Nullable;

/**
 * The command line is wrong (unknown option, missing or malformed value): exit code 2.
 */
final class UsageException extends RuntimeException {

	UsageException(@Nullable String message) {
		super(message);
	}

}
