package io.mixrec.cli;

/**
 * The command line is wrong (unknown option, missing or malformed value): exit code 2.
 */
final class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
