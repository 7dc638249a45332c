package io.mixrec.tabular;

import java.util.Objects;

/**
 * The layout of a file cannot be used or cannot be told (no delimiter, a header without
 * the needed columns, a first line that could be a header or data): the message says what
 * is wrong and which parameter settles it. The service answers it with 400, the command
 * line with a message naming the file.
 */
public class TableFormatException extends RuntimeException {

	/**
	 * An exception.
	 * @param message what is wrong, as a sentence
	 */
	public TableFormatException(String message) {
		super(message);
	}

	/**
	 * The message, never null: every constructor takes one.
	 * @return what is wrong, as a sentence
	 */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
