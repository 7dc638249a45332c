package io.mixrec.refit;

import java.util.List;

/**
 * A page of the refit history, newest first.
 *
 * @param page this page, from 0
 * @param size its size as asked
 * @param totalElements runs that match
 * @param totalPages pages of this size
 * @param refits the runs of this page
 */
public record RefitPage(int page, int size, long totalElements, int totalPages, List<RefitSummary> refits) {

}
