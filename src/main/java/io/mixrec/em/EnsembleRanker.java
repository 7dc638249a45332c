package io.mixrec.em;

import java.util.Arrays;
import java.util.List;

/**
 * Ranks an {@link EnsembleModel}'s items for one user and keeps the N best: the same
 * items, order and scores as {@link EnsembleModel#score} over every item followed by
 * {@link TopN}, without scoring every item with every part.
 *
 * <p>
 * The score is {@code P_ui Phi(...)}, and Phi is at most 1, so P_ui, the aspect model's
 * probability that the user rates i, bounds it; and P_ui = sum_l w_l phi_li over the
 * lists l (aspects of every restart, w_l = theta_uz / restarts) is at most the sum over
 * the user's heaviest lists plus the rest's weight times the item's largest phi over all
 * lists. A call computes that bound for every item from aspect-major copies of phi (a
 * multiply-add per item and heavy list, contiguous, so the JIT vectorises it): the only
 * work over all items, and it reads a few lists instead of all of them. Then it takes the
 * items in descending bound, a batch at a time, and scores those exactly (every list, the
 * rating parts, the variance and Phi); once the N-th best exact score is at least the
 * largest bound of the items not yet taken, no other item can enter and the call stops (a
 * candidate bound). A typical call scores a few dozen to a few hundred items exactly.
 * Without aspects the score is the predicted rating, computed for every item.
 *
 * <p>
 * Memory: a copy of the aspect tables (K doubles per item and restart).
 */
final class EnsembleRanker implements Ranker {

	/** Covers the rounding of sums of K terms when bounding. */
	private static final double ROUNDING = 1e-12;

	/**
	 * Candidates selected in the first pass, per item asked for: a typical call scores
	 * two to three per item asked for before the bound stops it.
	 */
	private static final int BATCH_PER_ITEM = 4;

	private static final int MIN_BATCH = 32;

	/** Items whose bounds estimate the cut of a selection. */
	private static final int SAMPLE = 1024;

	/** Lists added in full until they hold this share of the user's aspect weight... */
	private static final double HEAVY_MASS = 0.6;

	/** ...or this many of them. */
	private static final int MAX_HEAVY_LISTS = 4;

	private final EnsembleModel model;

	/** phi_zi of every aspect restart, aspect-major: {@code [(offset_r + z) * D + i]}. */
	private final double[] phiByAspect;

	/** Lists: aspects over all restarts. */
	private final int lists;

	/** Each item's largest phi over every list. */
	private final double[] largestPhi;

	EnsembleRanker(EnsembleModel model) {
		this.model = model;
		List<EnsembleModel.AspectMixture> aspects = model.aspectModels();
		int[] clusters = aspects.stream().mapToInt(EnsembleModel.AspectMixture::clusters).toArray();
		this.phiByAspect = transpose(aspects.stream().map(EnsembleModel.AspectMixture::phi).toList(), clusters,
				model.items());
		this.lists = Arrays.stream(clusters).sum();
		int d = model.items();
		this.largestPhi = new double[d];
		for (int l = 0; l < this.lists; l++) {
			for (int i = 0; i < d; i++) {
				this.largestPhi[i] = Math.max(this.largestPhi[i], this.phiByAspect[l * d + i]);
			}
		}
	}

	private static double[] transpose(List<double[]> tables, int[] clusters, int d) {
		int total = Arrays.stream(clusters).sum();
		double[] out = new double[Math.multiplyExact(total, d)];
		int offset = 0;
		for (int t = 0; t < tables.size(); t++) {
			double[] table = tables.get(t);
			int k = clusters[t];
			for (int i = 0; i < d; i++) {
				for (int j = 0; j < k; j++) {
					out[(offset + j) * d + i] = table[i * k + j];
				}
			}
			offset += k;
		}
		return out;
	}

	@Override
	public String scoreName() {
		return this.model.aspectModels().isEmpty() ? "predicted-rating" : "rate-and-like";
	}

	@Override
	public int top(FoldedUser folded, int[] excluded, int excludedCount, TopN top, double[] work, int[] outIndex,
			double[] outScore) {
		if (!(folded instanceof EnsembleUser user) || user.model() != this.model) {
			throw new IllegalArgumentException("the user was folded into another model");
		}
		int d = this.model.items();
		top.clear();
		try {
			if (this.phiByAspect.length == 0) {
				byRating(user, excluded, excludedCount, top, work, d);
			}
			else {
				byCandidates(user, excluded, excludedCount, top, work, d);
			}
		}
		finally {
			Arrays.fill(work, 0, d, 0.0);
		}
		return top.drain(outIndex, outScore);
	}

	/** Every item's predicted rating, offered in full: O(items x K). */
	private void byRating(EnsembleUser user, int[] excluded, int excludedCount, TopN top, double[] work, int d) {
		TopN.exclude(work, excluded, excludedCount);
		for (int i = 0; i < d; i++) {
			if (work[i] == 0) {
				top.offer(i, this.model.predict(user, i));
			}
		}
	}

	/** The candidate bound of the class comment. */
	private void byCandidates(EnsembleUser user, int[] excluded, int excludedCount, TopN top, double[] work, int d) {
		double[][] theta = user.aspectWeights();
		double[] weight = new double[this.lists];
		int offset = 0;
		for (double[] weights : theta) {
			for (int z = 0; z < weights.length; z++) {
				weight[offset + z] = weights[z] / theta.length;
			}
			offset += weights.length;
		}
		// the heaviest lists in full; the rest bounded by their mass times each item's
		// largest phi over all lists
		int[] order = TopN.select(weight, this.lists, this.lists);
		double light = 0;
		int heavy = 0;
		double covered = 0;
		for (int l : order) {
			if (heavy < MAX_HEAVY_LISTS && covered < HEAVY_MASS) {
				addList(weight[l], l, work, d);
				covered += weight[l];
				heavy++;
			}
			else {
				light += weight[l];
			}
		}
		if (light > 0) {
			double[] most = this.largestPhi;
			for (int i = 0; i < d; i++) {
				work[i] += light * most[i];
			}
		}
		TopN.exclude(work, excluded, excludedCount);
		int batch = Math.min(d, Math.max(MIN_BATCH, BATCH_PER_ITEM * top.limit()));
		while (true) {
			// one pass selects a batch in descending bound; items are scored in that
			// order
			// until the bound of the next cannot beat the N-th best score
			TopN next = select(work, d, batch);
			int[] candidates = new int[batch];
			double[] bounds = new double[batch];
			int taken = next.drain(candidates, bounds);
			for (int c = 0; c < taken; c++) {
				if (!top.couldAccept(bounds[c] * (1 + ROUNDING))) {
					return;
				}
				int i = candidates[c];
				work[i] = Double.NEGATIVE_INFINITY;
				top.offer(i, this.model.score(user, i));
			}
			if (taken < batch || batch == d) {
				return;
			}
			batch = (int) Math.min(d, 4L * batch);
		}
	}

	/**
	 * The {@code batch} items of the highest bounds, in a selector. Offering every item
	 * to a heap costs more than the rest of a call, so only items at or above a cut are
	 * offered: the cut is a bound that about twice the batch of items reach, estimated
	 * from a sample of every item's bound. When at least {@code batch} items reach it,
	 * the best {@code batch} are among them; otherwise every item is offered.
	 */
	private static TopN select(double[] work, int d, int batch) {
		TopN next = new TopN(batch);
		int stride = Math.max(1, d / SAMPLE);
		int sampled = (d + stride - 1) / stride;
		int rank = (int) Math.min(sampled, (2L * batch * sampled + d - 1) / d + 1);
		double[] sample = new double[sampled];
		for (int s = 0; s < sampled; s++) {
			sample[s] = work[s * stride];
		}
		int[] best = TopN.select(sample, sampled, rank);
		double cut = (best.length == rank) ? sample[best[rank - 1]] : Double.NEGATIVE_INFINITY;
		int offered = 0;
		for (int i = 0; i < d; i++) {
			double bound = work[i];
			if (bound >= cut) {
				next.offer(i, bound);
				offered++;
			}
		}
		if (offered < batch && cut > Double.NEGATIVE_INFINITY) {
			next.clear();
			for (int i = 0; i < d; i++) {
				next.offer(i, work[i]);
			}
		}
		return next;
	}

	/** work[i] += weight phi_li over every item, contiguous. */
	private void addList(double weight, int list, double[] work, int d) {
		double[] phi = this.phiByAspect;
		int base = list * d;
		for (int i = 0; i < d; i++) {
			work[i] += weight * phi[base + i];
		}
	}

}
