package io.mixrec.ratings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The result of a CSV import:
 * {@code inserted + updated + unchanged + skipped = rowsRead}.
 *
 * @param rowsRead the data lines read (blank lines and the header not counted)
 * @param inserted new ratings
 * @param updated replaced ratings
 * @param unchanged valid lines that left the stored rating as it was: older than it,
 * identical, or superseded by a later line for the same (user, item)
 * @param skipped bad lines left out ({@code onError=skip})
 * @param elapsedMs how long the import took, in milliseconds
 * @param skippedLines the first bad lines, with the reasons ({@code onError=skip} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportReport(long rowsRead, long inserted, long updated, long unchanged, long skipped, long elapsedMs,
		@Nullable List<LineError> skippedLines) {

}
