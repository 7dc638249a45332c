package io.mixrec.em;

import java.util.SplittableRandom;

/**
 * A synthetic rating set with a planted mixture, for tests and benchmarks at any scale.
 * It streams ratings to a {@link Sink} user by user, holding only O(users + K x items)
 * primitives, so ten million ratings need a few megabytes.
 *
 * <p>
 * The generative story, all from one seeded stream:
 * <ul>
 * <li>Item popularity is Zipf with exponent {@value #ZIPF_EXPONENT}: the item of
 * popularity rank r (1-based, ranks randomly assigned to item indices) is picked with
 * probability proportional to {@code 1 / r}.</li>
 * <li>Cluster weights are a Dirichlet(1) draw (normalised Exp(1) variables); each user
 * belongs to one cluster drawn from them.</li>
 * <li>The mean of cluster j for item i is {@code 3.6 + q_i + t_ji} with item quality
 * {@code q_i ~ N(0, 0.5^2)} and cluster taste {@code t_ji ~ N(0, 0.8^2)}.</li>
 * <li>A rating is {@code mean + b_u + e}, {@code b_u ~ N(0, 0.3^2)},
 * {@code e ~ N(0, 0.7^2)}, rounded to the nearest 0.5 and clamped to [1, 5].</li>
 * <li>User activity is heavy-tailed: every user gets one rating when there are at least
 * as many ratings as users, the rest is shared in proportion to Pareto(1.5) weights. No
 * user rates more than half of the items (rounded up), so drawing distinct items by
 * rejection stays cheap.</li>
 * </ul>
 * Exactly {@code ratings} ratings are produced, never two for the same (user, item).
 *
 * @param users number of users N
 * @param items number of items D
 * @param ratings number of ratings R, at most N x ceil(D / 2)
 * @param clusters number of planted clusters K
 * @param seed the seed; equal inputs give an identical stream
 */
public record PlantedMixture(int users, int items, long ratings, int clusters, long seed) {

	/** Exponent s of the item popularity law P(rank r) ~ r^-s. */
	public static final double ZIPF_EXPONENT = 1.0;

	private static final double PARETO_SHAPE = 1.5;

	/** Validates the sizes; messages name the bad value. */
	public PlantedMixture {
		if (users < 1 || items < 1 || clusters < 1 || ratings < 0) {
			throw new IllegalArgumentException("need users, items, clusters >= 1 and ratings >= 0, had " + users + ", "
					+ items + ", " + clusters + " and " + ratings);
		}
		if (ratings > (long) users * maxPerUser(items)) {
			throw new IllegalArgumentException("ratings " + ratings + " exceed " + users + " users x "
					+ maxPerUser(items) + " (at most half of " + items + " items each)");
		}
		if (ratings > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("ratings " + ratings + " exceed what a rating matrix can hold");
		}
	}

	private static int maxPerUser(int items) {
		return (items + 1) / 2;
	}

	/**
	 * Generates the ratings, user by user.
	 * @param sink receives every rating once
	 * @return the number of ratings produced, always {@link #ratings}
	 */
	public long generate(Sink sink) {
		SplittableRandom random = new SplittableRandom(this.seed);
		double[] popularity = popularityCdf(random);
		int[] itemOfRank = shuffledIdentity(this.items, random);
		float[] mean = clusterMeans(random);
		double[] clusterCdf = dirichletCdf(random);
		int[] count = activity(random);
		int[] seenBy = new int[this.items];
		long produced = 0;
		for (int u = 0; u < this.users; u++) {
			int cluster = draw(clusterCdf, random.nextDouble());
			double bias = 0.3 * random.nextGaussian();
			for (int n = 0; n < count[u]; n++) {
				int item;
				do {
					item = itemOfRank[draw(popularity, random.nextDouble())];
				}
				while (seenBy[item] == u + 1);
				seenBy[item] = u + 1;
				double raw = mean[item * this.clusters + cluster] + bias + 0.7 * random.nextGaussian();
				float rating = (float) Math.min(5, Math.max(1, Math.rint(2 * raw) / 2));
				sink.accept(u, item, rating);
			}
			produced += count[u];
		}
		return produced;
	}

	/** Cumulative Zipf probabilities over popularity ranks. */
	private double[] popularityCdf(SplittableRandom random) {
		double[] cdf = new double[this.items];
		double sum = 0;
		for (int r = 0; r < this.items; r++) {
			sum += Math.pow(r + 1, -ZIPF_EXPONENT);
			cdf[r] = sum;
		}
		for (int r = 0; r < this.items; r++) {
			cdf[r] /= sum;
		}
		return cdf;
	}

	private static int[] shuffledIdentity(int n, SplittableRandom random) {
		int[] a = new int[n];
		for (int i = 0; i < n; i++) {
			a[i] = i;
		}
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return a;
	}

	/** Item-major cluster means {@code 3.6 + q_i + t_ji}. */
	private float[] clusterMeans(SplittableRandom random) {
		float[] mean = new float[Math.multiplyExact(this.items, this.clusters)];
		for (int i = 0; i < this.items; i++) {
			double quality = 0.5 * random.nextGaussian();
			for (int j = 0; j < this.clusters; j++) {
				mean[i * this.clusters + j] = (float) (3.6 + quality + 0.8 * random.nextGaussian());
			}
		}
		return mean;
	}

	/** Cumulative cluster weights drawn from a flat Dirichlet. */
	private double[] dirichletCdf(SplittableRandom random) {
		double[] cdf = new double[this.clusters];
		double sum = 0;
		for (int j = 0; j < this.clusters; j++) {
			sum += -Math.log(1 - random.nextDouble());
			cdf[j] = sum;
		}
		for (int j = 0; j < this.clusters; j++) {
			cdf[j] /= sum;
		}
		return cdf;
	}

	/**
	 * Ratings per user: one each (when there are enough), the rest in proportion to
	 * Pareto weights rounded down, capped at half the items; what rounding and the cap
	 * leave over is handed out one at a time in user order.
	 */
	private int[] activity(SplittableRandom random) {
		int cap = maxPerUser(this.items);
		int[] count = new int[this.users];
		double[] weight = new double[this.users];
		double total = 0;
		for (int u = 0; u < this.users; u++) {
			weight[u] = Math.pow(1 - random.nextDouble(), -1 / PARETO_SHAPE);
			total += weight[u];
		}
		int floor = (this.ratings >= this.users) ? 1 : 0;
		long extra = this.ratings - (long) floor * this.users;
		long assigned = 0;
		for (int u = 0; u < this.users; u++) {
			count[u] = (int) Math.min(cap, floor + (long) Math.floor(extra * weight[u] / total));
			assigned += count[u];
		}
		// floating-point shares could overshoot by a rating; never by more
		for (int u = this.users - 1; assigned > this.ratings; u = (u + this.users - 1) % this.users) {
			if (count[u] > floor) {
				count[u]--;
				assigned--;
			}
		}
		// the constructor checked ratings <= users x cap, so this terminates
		for (int u = 0; assigned < this.ratings; u = (u + 1) % this.users) {
			if (count[u] < cap) {
				count[u]++;
				assigned++;
			}
		}
		return count;
	}

	/** The first index whose cumulative probability exceeds {@code x}. */
	private static int draw(double[] cdf, double x) {
		int low = 0;
		int high = cdf.length - 1;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (cdf[mid] > x) {
				high = mid;
			}
			else {
				low = mid + 1;
			}
		}
		return low;
	}

	/** Receives generated ratings. */
	@FunctionalInterface
	public interface Sink {

		/**
		 * @param user dense user index
		 * @param item dense item index
		 * @param rating a multiple of 0.5 in [1, 5]
		 */
		void accept(int user, int item, float rating);

	}

}
