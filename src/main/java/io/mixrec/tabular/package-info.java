/**
 * Reading delimited text (CSV, TSV, MovieLens files) straight from bytes, shared by the
 * service's imports and the command line: records and fields without decoding
 * ({@link io.mixrec.tabular.LineReader}, {@link io.mixrec.tabular.Fields}), numbers
 * ({@link io.mixrec.tabular.TextNumbers}), the one table of column names
 * ({@link io.mixrec.tabular.Column}) and the sniffing of delimiter, header and columns of
 * a ratings file ({@link io.mixrec.tabular.RatingRecords}). Every parser here is one pass
 * over its input, with memory bounded by the longest record, whatever a client sends.
 */
@NullMarked
package io.mixrec.tabular;

import org.jspecify.annotations.NullMarked;
