package io.mixrec.ratings;

import java.util.List;
import java.util.Map;

import io.mixrec.web.DomainException;

/**
 * Lines of an imported file break the rules and the client asked to reject the whole file
 * for them ({@code onError=reject}), so nothing was imported. The first bad lines are
 * listed; all of them are counted.
 */
final class InvalidImportException extends DomainException {

	private final List<LineError> errors;

	private final long badLines;

	private final long rowsRead;

	InvalidImportException(List<LineError> errors, long badLines, long rowsRead) {
		super(Kind.INVALID,
				"The CSV has " + badLines + " invalid line" + ((badLines != 1) ? "s" : "") + " (of " + rowsRead
						+ "); nothing was imported. 'errors' lists the first " + errors.size()
						+ "; use onError=skip to import the valid lines.",
				null);
		this.errors = List.copyOf(errors);
		this.badLines = badLines;
		this.rowsRead = rowsRead;
	}

	/**
	 * How many records the parser read, the bad ones included.
	 * @return the count
	 */
	long rowsRead() {
		return this.rowsRead;
	}

	@Override
	public Map<String, Object> members() {
		return Map.of("errors", this.errors, "badLines", this.badLines, "rowsRead", this.rowsRead);
	}

}
