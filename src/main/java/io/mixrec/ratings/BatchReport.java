package io.mixrec.ratings;

/**
 * The result of {@code POST /ratings}: {@code inserted + updated + unchanged = received}.
 *
 * @param received the number of elements
 * @param inserted new ratings
 * @param updated replaced ratings
 * @param unchanged elements that left the stored rating as it was: older than it,
 * identical, or superseded by a later element for the same (user, item)
 */
record BatchReport(int received, long inserted, long updated, long unchanged) {

}
