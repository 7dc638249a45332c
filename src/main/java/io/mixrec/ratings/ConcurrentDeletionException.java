package io.mixrec.ratings;

/**
 * A user that a write had just made sure of was deleted by a concurrent {@code DELETE
 * /users/{userId}} before the ratings were written. Thrown to roll the write back and run
 * it again ({@link TransientFailures}), which creates the user anew: the deletion then
 * simply came first.
 */
class ConcurrentDeletionException extends RuntimeException {

	ConcurrentDeletionException(long expected, long matched) {
		super("Expected " + expected + " ratings to write but found users and items for " + matched);
	}

}
