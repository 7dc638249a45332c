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

}
