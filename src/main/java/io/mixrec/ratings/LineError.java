package io.mixrec.ratings;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A bad line of a CSV import.
 *
 * @param line the line number, from 1 (the header is line 1)
 * @param field the column, as the header names it; absent when the whole line is bad
 * @param message why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LineError(long line, @Nullable String field, String message) {

}
