package io.mixrec.ratings;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A bad element of a {@code POST /ratings} batch.
 *
 * @param index the element's position in the array, from 0
 * @param field the field; absent when the whole element is bad
 * @param message why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ElementError(int index, @Nullable String field, String message) {

}
