package io.mixrec.em;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * The k-means++ seeding of {@link KMeansPlusPlus} over rows split into parts, drawing the
 * same centres from the same stream. The driver keeps the stream and the chosen centres;
 * a part computes, given the centres so far, the sum of its rows' distances to the
 * nearest one ({@link KMeansPlusPlus#distance}), and finds the row at which a running
 * target falls below 0. The D^2 draw walks the parts' sums, then the rows of the part it
 * lands in; only rounding of the sums differs, so the draw is the same unless the target
 * falls within rounding of a boundary between two rows. Two passes over the ratings per
 * centre; the nearest distances are recomputed from all centres so far rather than kept,
 * so no part holds state (O(ratings x K^2 / 2) in all).
 */
final class DistributedKMeans {

	private DistributedKMeans() {
	}

	/**
	 * Writes K centres into {@code target.mean}, with the prior mean 0 of residuals.
	 * @param rows the parts
	 * @param random the restart's stream
	 * @param target placeholder parameters
	 */
	static void seed(DistributedEnsemble.Rows rows, SplittableRandom random, Parameters target) {
		int k = target.clusters;
		int d = target.items;
		List<long[]> shape = rows.collect((part, first) -> new long[] { first, part.users(), rated(part) });
		long rated = 0;
		long users = 0;
		for (long[] s : shape) {
			users += s[1];
			rated += s[2];
		}
		double[][] centres = new double[0][];
		for (int j = 0; j < k; j++) {
			@Nullable Chosen chosen = (j == 0 || rated == 0) ? uniformRated(rows, shape, random, rated)
					: proportional(rows, shape, random, users, centres);
			double[] centre = new double[d];
			if (chosen != null) {
				for (int p = 0; p < chosen.items.length; p++) {
					centre[chosen.items[p]] = chosen.values[p];
				}
			}
			for (int i = 0; i < d; i++) {
				target.mean[i * k + j] = centre[i];
			}
			centres = Arrays.copyOf(centres, j + 1);
			centres[j] = centre;
		}
	}

	private static long rated(RatingMatrix part) {
		long rated = 0;
		for (int u = 0; u < part.users(); u++) {
			rated += (part.count(u) > 0) ? 1 : 0;
		}
		return rated;
	}

	/** The first centre: a uniformly drawn row with ratings. */
	private static @Nullable Chosen uniformRated(DistributedEnsemble.Rows rows, List<long[]> shape,
			SplittableRandom random, long rated) {
		if (rated == 0) {
			return null;
		}
		long target = random.nextInt(Math.toIntExact(rated));
		for (long[] s : shape) {
			if (target < s[2]) {
				long first = s[0];
				long skip = target;
				return fetch(rows, first, (part) -> {
					long left = skip;
					for (int u = 0; u < part.users(); u++) {
						if (part.count(u) > 0 && left-- == 0) {
							return u;
						}
					}
					throw new IllegalStateException("unreachable");
				});
			}
			target -= s[2];
		}
		throw new IllegalStateException("unreachable");
	}

	/** A further centre: a row drawn with probability proportional to its distance. */
	private static Chosen proportional(DistributedEnsemble.Rows rows, List<long[]> shape, SplittableRandom random,
			long users, double[][] centres) {
		List<double[]> sums = rows.collect((part, first) -> new double[] { nearestSum(part, centres) });
		double total = 0;
		for (double[] s : sums) {
			total += s[0];
		}
		if (!(total > 0)) {
			long row = random.nextInt(Math.toIntExact(users));
			for (long[] s : shape) {
				if (row < s[1]) {
					int index = (int) row;
					return fetch(rows, s[0], (part) -> index);
				}
				row -= s[1];
			}
			throw new IllegalStateException("unreachable");
		}
		double target = random.nextDouble() * total;
		int last = -1;
		for (int p = 0; p < sums.size(); p++) {
			double sum = sums.get(p)[0];
			if (sum > 0) {
				last = p;
				if (target - sum < 0) {
					double left = target;
					return fetch(rows, shape.get(p)[0], (part) -> draw(part, centres, left));
				}
				target -= sum;
			}
		}
		return fetch(rows, shape.get(last)[0], (part) -> draw(part, centres, Double.POSITIVE_INFINITY));
	}

	/**
	 * @return the row of {@code part} at which {@code target}, less the rows' distances
	 * in order, falls below 0; else the last row with a positive distance
	 */
	private static int draw(RatingMatrix part, double[][] centres, double target) {
		int last = -1;
		double left = target;
		for (int u = 0; u < part.users(); u++) {
			double nearest = nearest(part, u, centres);
			if (nearest > 0) {
				last = u;
				left -= nearest;
				if (left < 0) {
					return u;
				}
			}
		}
		return last;
	}

	private static double nearestSum(RatingMatrix part, double[][] centres) {
		double total = 0;
		for (int u = 0; u < part.users(); u++) {
			total += nearest(part, u, centres);
		}
		return total;
	}

	/** Row u's distance to the nearest of the centres, as KMeansPlusPlus keeps it. */
	private static double nearest(RatingMatrix part, int u, double[][] centres) {
		double nearest = Double.POSITIVE_INFINITY;
		for (double[] centre : centres) {
			nearest = Math.min(nearest, KMeansPlusPlus.distance(part, part.valueArray(), u, centre));
		}
		return nearest;
	}

	/** The ratings of the row that {@code pick} finds in the part starting at first. */
	private static Chosen fetch(DistributedEnsemble.Rows rows, long first, RowPick pick) {
		List<Chosen> found = rows.collect((part, firstRow) -> {
			if (firstRow != first) {
				return new Chosen(new int[0], new float[0], false);
			}
			int u = pick.row(part);
			int from = part.start(u);
			int to = part.end(u);
			return new Chosen(Arrays.copyOfRange(part.itemArray(), from, to),
					Arrays.copyOfRange(part.valueArray(), from, to), true);
		});
		for (Chosen c : found) {
			if (c.found) {
				return c;
			}
		}
		throw new IllegalStateException("no part starts at row " + first);
	}

	@FunctionalInterface
	private interface RowPick extends Serializable {

		int row(RatingMatrix part);

	}

	/** A centre's row: its items and values. */
	private record Chosen(int[] items, float[] values, boolean found) implements Serializable {
	}

}
