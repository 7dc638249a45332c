package io.mixrec.cli;

import io.mixrec.em.RatingMatrix;

/**
 * A rating matrix together with the dictionaries that map its rows and columns back to
 * external user and item ids.
 *
 * @param matrix the ratings
 * @param users row index to user id
 * @param items column index to item id
 */
record RatingData(RatingMatrix matrix, IdDictionary users, IdDictionary items) {

	public RatingData {
		if (users.size() != matrix.users() || items.size() != matrix.items()) {
			throw new IllegalArgumentException("dictionaries (" + users.size() + " users, " + items.size()
					+ " items) do not match the matrix " + matrix.users() + " x " + matrix.items());
		}
	}

}
