package io.mixrec.ratings;

/**
 * One of a user's ratings, as serving needs it.
 *
 * @param itemKey the item's surrogate key ({@code items.id})
 * @param itemId the item's external id
 * @param rating the rating
 */
public record ItemRating(long itemKey, String itemId, float rating) {

}
