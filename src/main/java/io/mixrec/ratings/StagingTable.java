package io.mixrec.ratings;

import java.util.List;

/**
 * What one import stages into and how it merges: the SQL that {@link StagedImport} runs
 * for it.
 *
 * @param name the temporary staging table, for {@code analyze} and the log
 * @param create creates the staging table, dropped on commit
 * @param copy the {@code COPY ... FROM STDIN (FORMAT binary)} into it, whose columns are
 * the rows the parser stages
 * @param merge the statements that merge it into the owned tables, in order; the last
 * answers one row with the counts {@code inserted} and {@code updated}
 * @param analyzeWritten refreshes the planner statistics of the tables the merge writes
 */
record StagingTable(String name, String create, String copy, List<String> merge, String analyzeWritten) {

	StagingTable {
		merge = List.copyOf(merge);
		if (merge.isEmpty()) {
			throw new IllegalArgumentException("a merge needs at least one statement");
		}
	}

}
