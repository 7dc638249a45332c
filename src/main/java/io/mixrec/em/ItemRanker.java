package io.mixrec.em;

import java.util.Arrays;

/**
 * Ranks a model's items for one user and keeps the N best: the same items, order and
 * scores as {@link MixtureModel#scores} followed by {@link TopN#select}, bit for bit, at
 * a fraction of the cost. Built once per model and shared between threads; each call
 * brings its own buffer.
 *
 * <p>
 * Predicted rating: the cluster sums {@code sum_j post_j mu_ji} over all items run
 * cluster by cluster over a cluster-major copy of the means ({@code mu[j * items + i]}),
 * a contiguous multiply-add that the JIT vectorises, skipping clusters whose posterior is
 * exactly 0.
 *
 * <p>
 * Presence scores ({@code rate-probability}, {@code rate-and-like}): a score is at most
 * P(u rates i) = sum_j post_j pi_ji, since P(like) is at most 1. Each cluster's items are
 * sorted by pi_ji once per model. A call walks the lists of the user's clusters with a
 * posterior of at least {@value #NEGLIGIBLE} (most users are nearly certain of one
 * cluster) in step, rank by rank, and scores every item it meets exactly, by the
 * expressions of {@link MixtureModel#scores} over all clusters. An item not met before
 * rank r has pi_ji at most the r-th value of every walked list, so {@code sum_j post_j
 * pi_j[r]} plus what the other clusters could add ({@code sum post_j max_i pi_ji}) bounds
 * its score: once N items are held and the worst of them beats the bound, no other item
 * can enter and the walk stops (Fagin's threshold algorithm). A typical walk ends after
 * tens to hundreds of items. Which items are scored depends on the order, the selection
 * does not: each item is offered at most once, and only items that cannot enter are
 * skipped.
 *
 * <p>
 * Memory: the cluster-major means, or the sorted lists (an int and a double per cluster
 * and item).
 */
public final class ItemRanker implements Ranker {

	/** A posterior below this leaves its cluster's list out of the walk. */
	static final double NEGLIGIBLE = 1e-4;

	/** Covers the rounding of sums of K terms when bounding. */
	private static final double ROUNDING = 1e-12;

	private final MixtureModel model;

	private final RankingScore score;

	/** mu_ji cluster-major (predicted rating only). */
	private final double[] byCluster;

	/** Per cluster j, the items by descending pi_ji: {@code order[j * items + r]}. */
	private final int[] order;

	/**
	 * An upper envelope of pi_ji along {@code order}, non-increasing within each cluster.
	 */
	private final double[] sorted;

	/**
	 * @param model the model
	 * @param score what to rank by; the presence scores need the presence model, with
	 * probabilities (no negative value)
	 */
	public ItemRanker(MixtureModel model, RankingScore score) {
		if (score != RankingScore.PREDICTED_RATING && !model.hasPresence()) {
			throw new IllegalArgumentException(score + " needs the presence model");
		}
		this.model = model;
		this.score = score;
		Parameters p = model.parameters();
		int k = p.clusters;
		int d = p.items;
		if (score == RankingScore.PREDICTED_RATING) {
			this.byCluster = new double[p.mean.length];
			for (int i = 0; i < d; i++) {
				for (int j = 0; j < k; j++) {
					this.byCluster[j * d + i] = p.mean[i * k + j];
				}
			}
			this.order = new int[0];
			this.sorted = new double[0];
			return;
		}
		this.byCluster = new double[0];
		this.order = new int[k * d];
		this.sorted = new double[k * d];
		long[] packed = new long[d];
		for (int j = 0; j < k; j++) {
			for (int i = 0; i < d; i++) {
				double pi = p.presence[i * k + j];
				if (!(pi >= 0)) {
					throw new IllegalArgumentException("presence probability " + pi + " of item " + i);
				}
				// pi >= 0, so its bits order like its value; the low 32 bits (the item)
				// break ties, and the sign bit stays clear
				packed[i] = (Double.doubleToRawLongBits(pi) & 0xFFFFFFFF_00000000L) | i;
			}
			Arrays.sort(packed);
			int base = j * d;
			for (int r = 0; r < d; r++) {
				int i = (int) packed[d - 1 - r];
				this.order[base + r] = i;
				this.sorted[base + r] = p.presence[i * k + j];
			}
			// the truncated sort key may misorder values that share their high bits:
			// make the bound list a non-increasing upper envelope of the true values
			for (int r = d - 2; r >= 0; r--) {
				this.sorted[base + r] = Math.max(this.sorted[base + r], this.sorted[base + r + 1]);
			}
		}
	}

	public MixtureModel model() {
		return this.model;
	}

	public RankingScore score() {
		return this.score;
	}

	@Override
	public String scoreName() {
		return this.score.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	@Override
	public int top(FoldedUser user, int[] excluded, int excludedCount, TopN top, double[] work, int[] outIndex,
			double[] outScore) {
		if (!(user instanceof MixtureUser mixture) || mixture.model() != this.model) {
			throw new IllegalArgumentException("the user was folded into another model");
		}
		return top(mixture.posterior(), excluded, excludedCount, top, work, outIndex, outScore);
	}

	/**
	 * Selects the user's best items.
	 * @param user the folded-in user
	 * @param excluded item indices never selected (e.g. the ones the user rated)
	 * @param excludedCount number of entries of {@code excluded} to use
	 * @param top the selector; its limit is N
	 * @param work buffer of at least {@link MixtureModel#items()} entries, all 0; left
	 * all 0 on return, so that it can be reused across calls without clearing
	 * @param outIndex receives the selected items, best first
	 * @param outScore receives their scores
	 * @return how many items were selected: min(N, items not excluded)
	 */
	public int top(UserPosterior user, int[] excluded, int excludedCount, TopN top, double[] work, int[] outIndex,
			double[] outScore) {
		int d = this.model.items();
		top.clear();
		if (this.score == RankingScore.PREDICTED_RATING) {
			clusterSums(user.probabilities(), work, d);
			Baseline baseline = this.model.baseline();
			for (int i = 0; i < d; i++) {
				// the same expression as MixtureModel.predict
				work[i] = baseline.predict(user.userBias(), i) + work[i];
			}
			TopN.exclude(work, excluded, excludedCount);
			for (int i = 0; i < d; i++) {
				top.offer(i, work[i]);
			}
			// this path is O(K x items) anyway
			Arrays.fill(work, 0, d, 0.0);
		}
		else {
			walk(user, excluded, excludedCount, top, work, d);
		}
		return top.drain(outIndex, outScore);
	}

	/**
	 * work[i] = sum_j post_j mu_ji over the clusters with a non-zero posterior, summed in
	 * cluster order.
	 */
	private void clusterSums(double[] post, double[] work, int d) {
		double[] v = this.byCluster;
		boolean first = true;
		for (int j = 0; j < post.length; j++) {
			double p = post[j];
			// 0 x v adds nothing (v is finite and the sum starts at +0)
			if (p == 0) {
				continue;
			}
			int base = j * d;
			if (first) {
				// 0.0 + x, not x: the first step of the sum as MixtureModel adds it
				for (int i = 0; i < d; i++) {
					work[i] = 0.0 + p * v[base + i];
				}
				first = false;
			}
			else {
				for (int i = 0; i < d; i++) {
					work[i] += p * v[base + i];
				}
			}
		}
		if (first) {
			Arrays.fill(work, 0, d, 0.0);
		}
	}

	/**
	 * The threshold walk of the class comment; work[i] != 0 marks a met or excluded item.
	 * Only the marks set are cleared at the end: clearing all items per request cost more
	 * than the walk, which meets a few hundred of them.
	 */
	private void walk(UserPosterior user, int[] excluded, int excludedCount, TopN top, double[] work, int d) {
		double[] post = user.probabilities();
		Parameters p = this.model.parameters();
		int k = p.clusters;
		int[] walked = new int[k];
		int lists = 0;
		double slack = 0;
		// the most likely cluster is walked even below NEGLIGIBLE (K > 10,000), so that
		// some list covers every item
		int likeliest = 0;
		for (int j = 1; j < k; j++) {
			likeliest = (post[j] > post[likeliest]) ? j : likeliest;
		}
		for (int j = 0; j < k; j++) {
			if (post[j] >= NEGLIGIBLE || j == likeliest) {
				walked[lists++] = j;
			}
			else if (post[j] > 0) {
				slack += post[j] * this.sorted[j * d];
			}
		}
		double spread = 0;
		for (int j = 0; j < k; j++) {
			spread += post[j] * p.variance[j];
		}
		double sd = Math.sqrt(spread);
		boolean like = this.score == RankingScore.RATE_AND_LIKE;
		double threshold = this.model.likeThreshold();
		Baseline baseline = this.model.baseline();
		for (int e = 0; e < excludedCount; e++) {
			work[excluded[e]] = 1;
		}
		int r = 0;
		for (; r < d; r++) {
			// every item not met at ranks < r has pi_ji <= sorted[j][r] in each walked
			// list
			double bound = slack;
			for (int w = 0; w < lists; w++) {
				int j = walked[w];
				bound += post[j] * this.sorted[j * d + r];
			}
			if (!top.couldAccept(bound * (1 + ROUNDING))) {
				break;
			}
			for (int w = 0; w < lists; w++) {
				int i = this.order[walked[w] * d + r];
				if (work[i] != 0) {
					continue;
				}
				work[i] = 1;
				// the same expressions as MixtureModel.scores, over every cluster
				int base = i * k;
				double rate = 0;
				for (int j = 0; j < k; j++) {
					rate += post[j] * p.presence[base + j];
				}
				if (!like) {
					top.offer(i, rate);
					continue;
				}
				double sum = 0;
				for (int j = 0; j < k; j++) {
					sum += post[j] * p.mean[base + j];
				}
				double mean = baseline.predict(user.userBias(), i) + sum;
				top.offer(i, rate * LogMath.normalUpperTail((threshold - mean) / sd));
			}
		}
		// ranks 0 to r - 1 were walked
		for (int w = 0; w < lists; w++) {
			int base = walked[w] * d;
			for (int q = 0; q < r; q++) {
				work[this.order[base + q]] = 0;
			}
		}
		for (int e = 0; e < excludedCount; e++) {
			work[excluded[e]] = 0;
		}
	}

}
