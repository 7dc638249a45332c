package io.mixrec.ratings;

/**
 * Where validation reports a bad field, so that one reader serves single ratings (fields
 * by name), batches (fields of an element, by index) and CSV lines.
 */
@FunctionalInterface
interface FieldErrors {

	/**
	 * Report a bad field.
	 * @param field the field as the client named it
	 * @param message why it is bad
	 */
	void reject(String field, String message);

}
