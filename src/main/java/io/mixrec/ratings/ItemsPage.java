package io.mixrec.ratings;

import java.util.List;

/**
 * A page of the catalogue in id order: the body of {@code GET /items}.
 *
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalElements the number of matching items
 * @param totalPages the number of pages of this size
 * @param items the items on this page
 */
record ItemsPage(int page, int size, long totalElements, long totalPages, List<ItemView> items) {

}
