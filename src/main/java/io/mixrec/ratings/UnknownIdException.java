package io.mixrec.ratings;

import io.mixrec.web.DomainException;

/**
 * A user, item or rating that the request names by external id does not exist.
 */
final class UnknownIdException extends DomainException {

	private UnknownIdException(String detail) {
		super(Kind.NOT_FOUND, detail, null);
	}

	static UnknownIdException user(String userId) {
		return new UnknownIdException("No user '" + userId + "'.");
	}

	static UnknownIdException item(String itemId) {
		return new UnknownIdException("No item '" + itemId + "'.");
	}

	static UnknownIdException rating(String userId, String itemId) {
		return new UnknownIdException("No rating of item '" + itemId + "' by user '" + userId + "'.");
	}

}
