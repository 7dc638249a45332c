package io.mixrec.cli;

import java.nio.file.Path;

/**
 * An input file cannot be used; the message names the file and, when it is about one
 * line, its 1-based number: exit code 1.
 */
final class InputException extends RuntimeException {

	InputException(Path file, long line, String problem) {
		super(file + ":" + line + ": " + problem);
	}

	InputException(Path file, String problem) {
		super(file + ": " + problem);
	}

}
