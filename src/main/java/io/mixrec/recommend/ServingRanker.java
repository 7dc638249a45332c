package io.mixrec.recommend;

import io.mixrec.em.ItemRanker;
import io.mixrec.em.LogMath;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RankingScore;
import io.mixrec.em.TopN;
import io.mixrec.em.UserPosterior;

/**
 * Ranks a model's items for one user and keeps the N best: the same items, order and
 * scores as {@link MixtureModel#scores} followed by {@link TopN#select} (and as
 * {@link ItemRanker}), bit for bit, without looking at most of the catalogue.
 *
 * <p>
 * For the presence scores ({@code rate-probability}, {@code rate-and-like}) a score is at
 * most P(u rates i) = sum_j post_j pi_ji, since P(like) is at most 1. Each cluster's
 * items are sorted by pi_ji once per model. A request walks the lists of the user's
 * non-negligible clusters (posterior at least {@value #NEGLIGIBLE}; most users are nearly
 * certain of one cluster) in step, rank by rank, and scores every item it meets exactly,
 * by the expressions of {@link MixtureModel#scores}. An item not met before rank r has
 * pi_ji at most the r-th value of every walked list, so {@code sum_j post_j pi_j[r]} plus
 * what the other clusters could add ({@code sum post_j
 * max_i pi_ji}) bounds its score: once N items are held and the worst of them beats the
 * bound, no other item can enter and the walk stops (Fagin's threshold algorithm). A
 * typical user's walk ends after tens to hundreds of items instead of scoring all of
 * them. Which items are scored depends on the order, the selection does not: each item is
 * offered at most once, and only items that cannot enter are skipped.
 *
 * <p>
 * The predicted-rating score sums cluster means, which can be negative, so has no such
 * bound from sorted lists: it is delegated to {@link ItemRanker}.
 *
 * <p>
 * Memory for the presence scores: item-major copies of pi and mu and the sorted lists,
 * about 4 x K x items doubles. Built once per model, then shared between threads; each
 * thread keeps a marker array of items entries.
 */
final class ServingRanker {

	/** A posterior below this leaves its cluster's list out of the walk. */
	static final double NEGLIGIBLE = 1e-4;

	/** Covers the rounding of sums of K terms when bounding. */
	private static final double ROUNDING = 1e-12;

	/** Per request thread: which items a walk has met (or excluded), by generation. */
	private static final ThreadLocal<Marks> MARKS = ThreadLocal.withInitial(Marks::new);

	private final MixtureModel model;

	private final RankingScore score;

	private final int clusters;

	private final int items;

	/**
	 * The engine's ranker, for the predicted-rating score (and for a model with a
	 * presence probability below 0, which no fit produces); null otherwise.
	 */
	private final ItemRanker fallback;

	/** pi_ji item-major ({@code [i * K + j]}), as the engine stores it. */
	private final double[] presence;

	/** mu_ji item-major. */
	private final double[] mean;

	/** Per cluster j, the items by descending pi_ji: {@code order[j * items + r]}. */
	private final int[] order;

	/** pi_ji of {@code order[j * items + r]}, descending within each cluster. */
	private final double[] sorted;

	/**
	 * @param model the model
	 * @param score what to rank by; the presence scores need the presence model
	 */
	ServingRanker(MixtureModel model, RankingScore score) {
		this.model = model;
		this.score = score;
		this.clusters = model.clusters();
		this.items = model.items();
		if (score != RankingScore.PREDICTED_RATING && !model.hasPresence()) {
			throw new IllegalArgumentException(score + " needs the presence model");
		}
		double[] pi = (score != RankingScore.PREDICTED_RATING) ? model.presence() : new double[0];
		if (score == RankingScore.PREDICTED_RATING || !nonNegative(pi)) {
			this.fallback = new ItemRanker(model, score);
			this.presence = new double[0];
			this.mean = new double[0];
			this.order = new int[0];
			this.sorted = new double[0];
			return;
		}
		this.fallback = null;
		this.presence = pi;
		this.mean = model.means();
		this.order = new int[this.clusters * this.items];
		this.sorted = new double[this.clusters * this.items];
		long[] packed = new long[this.items];
		for (int j = 0; j < this.clusters; j++) {
			for (int i = 0; i < this.items; i++) {
				// pi >= 0, so its bits order like its value; the low 32 bits (the item)
				// break ties, and the sign bit stays clear
				packed[i] = (Double.doubleToRawLongBits(pi[i * this.clusters + j]) & 0xFFFFFFFF_00000000L) | i;
			}
			java.util.Arrays.sort(packed);
			int base = j * this.items;
			for (int r = 0; r < this.items; r++) {
				int i = (int) packed[this.items - 1 - r];
				this.order[base + r] = i;
				this.sorted[base + r] = this.presence[i * this.clusters + j];
			}
			// the truncated sort key may misorder values that share their high bits:
			// make the bound list a non-increasing upper envelope of the true values
			for (int r = this.items - 2; r >= 0; r--) {
				this.sorted[base + r] = Math.max(this.sorted[base + r], this.sorted[base + r + 1]);
			}
		}
	}

	private static boolean nonNegative(double[] values) {
		for (double value : values) {
			if (!(value >= 0)) {
				return false;
			}
		}
		return true;
	}

	MixtureModel model() {
		return this.model;
	}

	RankingScore score() {
		return this.score;
	}

	/**
	 * Selects the user's best items.
	 * @param user the folded-in user
	 * @param excluded item indices never selected (e.g. the ones the user rated)
	 * @param excludedCount number of entries of {@code excluded} to use
	 * @param top the selector; its limit is N
	 * @param outIndex receives the selected items, best first
	 * @param outScore receives their scores
	 * @return how many items were selected: min(N, items not excluded)
	 */
	int top(UserPosterior user, int[] excluded, int excludedCount, TopN top, int[] outIndex, double[] outScore) {
		if (this.fallback != null) {
			return this.fallback.top(user, excluded, excludedCount, top, Recommender.work(this.items), outIndex,
					outScore);
		}
		double[] post = user.probabilities();
		int k = this.clusters;
		int d = this.items;
		int[] walked = new int[k];
		int lists = 0;
		double slack = 0;
		for (int j = 0; j < k; j++) {
			double p = post[j];
			if (p >= NEGLIGIBLE) {
				walked[lists++] = j;
			}
			else if (p > 0) {
				slack += p * this.sorted[j * d];
			}
		}
		double spread = 0;
		for (int j = 0; j < k; j++) {
			spread += post[j] * this.model.variance(j);
		}
		double sd = Math.sqrt(spread);
		boolean like = this.score == RankingScore.RATE_AND_LIKE;
		double threshold = this.model.likeThreshold();
		double userBias = user.userBias();
		Marks marks = MARKS.get();
		int generation = marks.next(d);
		int[] mark = marks.mark;
		for (int e = 0; e < excludedCount; e++) {
			mark[excluded[e]] = generation;
		}
		top.clear();
		for (int r = 0; r < d; r++) {
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
				if (mark[i] == generation) {
					continue;
				}
				mark[i] = generation;
				// the same expressions as MixtureModel.scores, over every cluster
				int base = i * k;
				double rate = 0;
				for (int j = 0; j < k; j++) {
					rate += post[j] * this.presence[base + j];
				}
				if (!like) {
					top.offer(i, rate);
					continue;
				}
				double sum = 0;
				for (int j = 0; j < k; j++) {
					sum += post[j] * this.mean[base + j];
				}
				double mean = this.model.baseline().predict(userBias, i) + sum;
				top.offer(i, rate * LogMath.normalUpperTail((threshold - mean) / sd));
			}
		}
		return top.drain(outIndex, outScore);
	}

	/** Generation-stamped item markers, so that no walk clears an items-long array. */
	private static final class Marks {

		int[] mark = new int[0];

		int generation;

		int next(int items) {
			if (this.mark.length < items || this.generation == Integer.MAX_VALUE) {
				this.mark = new int[Math.max(items, this.mark.length)];
				this.generation = 0;
			}
			return ++this.generation;
		}

	}

}
