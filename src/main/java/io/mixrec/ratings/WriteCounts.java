package io.mixrec.ratings;

/**
 * What a batch of writes did; {@code inserted + updated + unchanged} is the number of
 * writes.
 *
 * @param inserted new ratings
 * @param updated replaced ratings
 * @param unchanged writes that left the stored rating as it was (older, identical, or
 * superseded within the same request)
 */
record WriteCounts(long inserted, long updated, long unchanged) {

	long total() {
		return this.inserted + this.updated + this.unchanged;
	}

}
