package io.mixrec.em.eval;

import java.util.Arrays;

import io.mixrec.em.RatingMatrix;
import io.mixrec.em.TopN;

/**
 * The per-user part of an evaluation: each user's error sums and top-N figures in slots
 * of their own, which {@link #summary} adds up in user order. Threads may process
 * disjoint user ranges concurrently; each {@link #run} call owns its scratch buffers.
 */
final class UserMetrics {

	private final Recommender recommender;

	private final RatingMatrix train;

	private final RatingMatrix test;

	private final int cutoff;

	private final double threshold;

	private final double low;

	private final double high;

	private final int rankStride;

	private final double[] squaredError;

	private final double[] absoluteError;

	/** Per-user P@N, R@N, NDCG@N at 3u, 3u + 1, 3u + 2; NaN for users not ranked. */
	private final double[] ranking;

	UserMetrics(Recommender recommender, RatingMatrix train, RatingMatrix test, int cutoff, double threshold,
			int rankStride) {
		this.recommender = recommender;
		this.train = train;
		this.test = test;
		this.cutoff = cutoff;
		this.threshold = threshold;
		this.rankStride = rankStride;
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (int p = 0; p < train.ratings(); p++) {
			min = Math.min(min, train.value(p));
			max = Math.max(max, train.value(p));
		}
		// an empty training set has no scale to clamp to
		this.low = (train.ratings() > 0) ? min : Double.NEGATIVE_INFINITY;
		this.high = (train.ratings() > 0) ? max : Double.POSITIVE_INFINITY;
		this.squaredError = new double[test.users()];
		this.absoluteError = new double[test.users()];
		this.ranking = new double[3 * test.users()];
		Arrays.fill(this.ranking, Double.NaN);
	}

	/** Evaluates users {@code from} (inclusive) to {@code to} (exclusive). */
	void run(int from, int to) {
		int items = this.train.items();
		double[] scores = new double[items];
		int[] top = new int[this.cutoff];
		TopN selector = new TopN(this.cutoff);
		// relevantMark[i] == u + 1 marks i as relevant for user u: no clearing between
		// users
		int[] relevantMark = new int[items];
		int[] excluded = new int[16];
		for (int u = from; u < to; u++) {
			if (this.test.count(u) == 0) {
				continue;
			}
			Recommender.UserScorer scorer = this.recommender.forUser(u);
			double squares = 0;
			double absolute = 0;
			int relevant = 0;
			for (int p = this.test.start(u); p < this.test.end(u); p++) {
				double actual = this.test.value(p);
				double error = Math.min(this.high, Math.max(this.low, scorer.predict(this.test.item(p)))) - actual;
				squares += error * error;
				absolute += Math.abs(error);
				if (actual >= this.threshold) {
					relevantMark[this.test.item(p)] = u + 1;
					relevant++;
				}
			}
			this.squaredError[u] = squares;
			this.absoluteError[u] = absolute;
			if (relevant > 0 && this.recommender.ranksItems() && u % this.rankStride == 0) {
				int rated = (u < this.train.users()) ? this.train.count(u) : 0;
				if (excluded.length < rated) {
					excluded = new int[Math.max(rated, 2 * excluded.length)];
				}
				for (int p = 0; p < rated; p++) {
					excluded[p] = this.train.item(this.train.start(u) + p);
				}
				int n = scorer.top(excluded, rated, selector, scores, items, top);
				rank(u, top, n, relevantMark, relevant);
			}
		}
	}

	private void rank(int u, int[] top, int n, int[] relevantMark, int relevant) {
		int hits = 0;
		double dcg = 0;
		for (int k = 0; k < n; k++) {
			if (relevantMark[top[k]] == u + 1) {
				hits++;
				dcg += 1 / log2(k + 2);
			}
		}
		double idcg = 0;
		for (int k = 0; k < Math.min(relevant, this.cutoff); k++) {
			idcg += 1 / log2(k + 2);
		}
		this.ranking[3 * u] = (double) hits / this.cutoff;
		this.ranking[3 * u + 1] = (double) hits / relevant;
		this.ranking[3 * u + 2] = dcg / idcg;
	}

	private static double log2(int x) {
		return Math.log(x) / Math.log(2);
	}

	EvaluationResult summary() {
		double squares = 0;
		double absolute = 0;
		double[] sums = new double[3];
		int ranked = 0;
		for (int u = 0; u < this.test.users(); u++) {
			squares += this.squaredError[u];
			absolute += this.absoluteError[u];
			if (!Double.isNaN(this.ranking[3 * u])) {
				ranked++;
				for (int m = 0; m < 3; m++) {
					sums[m] += this.ranking[3 * u + m];
				}
			}
		}
		int n = this.test.ratings();
		double rmse = (n > 0) ? Math.sqrt(squares / n) : Double.NaN;
		double mae = (n > 0) ? absolute / n : Double.NaN;
		double perUser = (ranked > 0) ? 1.0 / ranked : Double.NaN;
		return new EvaluationResult(rmse, mae, sums[0] * perUser, sums[1] * perUser, sums[2] * perUser, ranked, n);
	}

}
