package io.mixrec.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and standard error of the commands a test runs, captured as text, so
 * that tests of the command line assert on what a user would see.
 */
final class CapturedConsole {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	/** A stream to pass as standard output; what it prints is in {@link #out()}. */
	PrintStream outStream() {
		return new PrintStream(this.out, true, StandardCharsets.UTF_8);
	}

	/** A stream to pass as standard error; what it prints is in {@link #err()}. */
	PrintStream errStream() {
		return new PrintStream(this.err, true, StandardCharsets.UTF_8);
	}

	/** What was printed to standard output since the last {@link #clear()}. */
	String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	/** What was printed to standard error since the last {@link #clear()}. */
	String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	/** Forgets what was printed so far. */
	void clear() {
		this.out.reset();
		this.err.reset();
	}

}
