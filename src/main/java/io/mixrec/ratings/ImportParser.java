package io.mixrec.ratings;

import java.io.IOException;
import java.sql.SQLException;

import io.mixrec.database.BinaryCopyWriter;
import io.mixrec.tabular.TableFormatException;
import io.mixrec.tabular.TableRecords;
import org.jspecify.annotations.Nullable;

/**
 * What the parsers of the two imports share: the layout read first, then one record at a
 * time from {@link TableRecords}, each either rejected with a problem (the reader's, or
 * the subclass's when a value breaks a rule) or valid and ready to be staged with
 * {@link #copyTo}. A subclass validates the values of a record in {@link #parse}.
 *
 * @param <L> the layout of the file
 */
abstract sealed class ImportParser<L> permits CsvRatingParser, ItemCsvParser {

	private final TableRecords<L> records;

	private @Nullable L layout;

	private @Nullable String problem;

	private @Nullable String problemField;

	ImportParser(TableRecords<L> records) {
		this.records = records;
	}

	/**
	 * Read the layout: the first record that is not blank, a header or data.
	 * @return the layout
	 * @throws IOException if reading fails
	 * @throws UnreadableInputException if the layout cannot be used or told
	 */
	final L readLayout() throws IOException {
		try {
			L found = this.records.layout();
			this.layout = found;
			return found;
		}
		catch (TableFormatException ex) {
			throw new UnreadableInputException(ex.getMessage());
		}
	}

	/**
	 * Advance to the next record.
	 * @return false at the end of the input
	 * @throws IOException if reading fails
	 */
	final boolean next() throws IOException {
		L read = this.layout;
		if (read == null) {
			throw new IllegalStateException("readLayout() first");
		}
		if (!this.records.next()) {
			return false;
		}
		this.problemField = null;
		this.problem = this.records.problem();
		if (this.problem == null) {
			parse(read);
		}
		return true;
	}

	/**
	 * Validate the current record, which has the fields the layout needs; a value that
	 * breaks a rule is {@link #reject rejected}.
	 * @param layout the layout
	 */
	abstract void parse(L layout);

	/**
	 * Write the current record, which is valid, as one row of the staging table.
	 * @param copy the copy into the staging table
	 * @throws SQLException if sending a full buffer fails
	 */
	abstract void copyTo(BinaryCopyWriter copy) throws SQLException;

	/**
	 * Mark the current record as bad.
	 * @param field the column the problem is in, as the layout names it, or null
	 * @param message what is wrong, phrased to follow "line n"
	 */
	final void reject(@Nullable String field, String message) {
		this.problemField = field;
		this.problem = message;
	}

	/**
	 * The current record's (first) line number, from 1 (the header's line included).
	 * @return the line number
	 */
	final long line() {
		return this.records.line();
	}

	/**
	 * What is wrong with the current record.
	 * @return the problem, phrased to follow "line n", or null if it is valid
	 */
	final @Nullable String problem() {
		return this.problem;
	}

	/**
	 * The column the problem is in, as the layout names it.
	 * @return the name, or null for a problem of the whole record
	 */
	final @Nullable String problemField() {
		return this.problemField;
	}

}
