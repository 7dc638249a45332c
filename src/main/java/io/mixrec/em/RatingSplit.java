package io.mixrec.em;

import java.util.SplittableRandom;

/**
 * A random split of a rating matrix into training and held-out ratings, both in the
 * original index spaces.
 *
 * @param train the ratings to fit on
 * @param heldOut the ratings to evaluate on
 */
public record RatingSplit(RatingMatrix train, RatingMatrix heldOut) {

	/**
	 * Holds out each rating independently with probability {@code fraction}, capped at
	 * {@code maxHeldOut} (a random sample of ratings, not of users, so users with many
	 * ratings contribute more, as they do to the fit). Deterministic for a seed.
	 * @param matrix all ratings
	 * @param fraction probability of holding a rating out, in [0, 1)
	 * @param maxHeldOut upper bound on held-out ratings
	 * @param seed random seed
	 * @return the split
	 */
	public static RatingSplit holdOut(RatingMatrix matrix, double fraction, int maxHeldOut, long seed) {
		if (!(fraction >= 0 && fraction < 1)) {
			throw new IllegalArgumentException("fraction must be in [0, 1), was " + fraction);
		}
		if (maxHeldOut < 0) {
			throw new IllegalArgumentException("maxHeldOut must be >= 0, was " + maxHeldOut);
		}
		// Lowering the probability to meet the cap keeps every rating equally likely to
		// be
		// held out; the cap is then enforced exactly by stopping.
		double p = Math.min(fraction, (matrix.ratings() > 0) ? 0.999 * maxHeldOut / matrix.ratings() : 0);
		SplittableRandom random = new SplittableRandom(seed);
		RatingMatrix.Builder train = RatingMatrix.builder();
		RatingMatrix.Builder heldOut = RatingMatrix.builder();
		for (int u = 0; u < matrix.users(); u++) {
			for (int k = matrix.start(u); k < matrix.end(u); k++) {
				boolean out = heldOut.size() < maxHeldOut && random.nextDouble() < p;
				(out ? heldOut : train).add(u, matrix.item(k), matrix.value(k));
			}
		}
		return new RatingSplit(train.build(matrix.users(), matrix.items()),
				heldOut.build(matrix.users(), matrix.items()));
	}

	/**
	 * Holds out each rating whose (user key, item key) hashes below {@code fraction}
	 * (lowered to expect at most {@code maxHeldOut}): the same pair is held out in every
	 * split of any data that contains it, so models fitted on successive splits of
	 * growing data never trained on each other's held-out ratings as long as the fraction
	 * does not grow.
	 * @param matrix all ratings
	 * @param userKeys a stable key per row (e.g. the database id)
	 * @param itemKeys a stable key per column
	 * @param fraction share of ratings held out, in [0, 1)
	 * @param maxHeldOut about how many ratings at most
	 * @return the split
	 */
	public static RatingSplit holdOutByKey(RatingMatrix matrix, long[] userKeys, long[] itemKeys, double fraction,
			int maxHeldOut) {
		if (!(fraction >= 0 && fraction < 1) || maxHeldOut < 0) {
			throw new IllegalArgumentException(
					"fraction must be in [0, 1) and maxHeldOut >= 0, were " + fraction + " and " + maxHeldOut);
		}
		if (userKeys.length != matrix.users() || itemKeys.length != matrix.items()) {
			throw new IllegalArgumentException("need a key per row and column");
		}
		double p = keyProbability(matrix.ratings(), fraction, maxHeldOut);
		RatingMatrix.Builder train = RatingMatrix.builder();
		RatingMatrix.Builder heldOut = RatingMatrix.builder();
		for (int u = 0; u < matrix.users(); u++) {
			for (int k = matrix.start(u); k < matrix.end(u); k++) {
				boolean out = heldOutByKey(userKeys[u], itemKeys[matrix.item(k)], p);
				(out ? heldOut : train).add(u, matrix.item(k), matrix.value(k));
			}
		}
		return new RatingSplit(train.build(matrix.users(), matrix.items()),
				heldOut.build(matrix.users(), matrix.items()));
	}

	/**
	 * @param ratings all ratings
	 * @param fraction share of ratings held out, in [0, 1)
	 * @param maxHeldOut about how many ratings at most
	 * @return the probability {@link #holdOutByKey} holds a pair out with
	 */
	public static double keyProbability(long ratings, double fraction, int maxHeldOut) {
		return Math.min(fraction, (ratings > 0) ? 0.999 * maxHeldOut / ratings : 0);
	}

	/**
	 * @param userKey the user's stable key
	 * @param itemKey the item's stable key
	 * @param probability {@link #keyProbability}
	 * @return whether {@link #holdOutByKey} holds the pair out; for a split computed
	 * elsewhere (the refit on Spark)
	 */
	public static boolean heldOutByKey(long userKey, long itemKey, double probability) {
		return uniform(userKey, itemKey) < probability;
	}

	/** A number in [0, 1) that depends only on the pair: SplitMix64's finaliser. */
	static double uniform(long user, long item) {
		long z = user * 0x9E3779B97F4A7C15L + item;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		z = z ^ (z >>> 31);
		return (z >>> 11) * 0x1.0p-53;
	}

}
