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
 * probability that the user rates i, bounds it. A call first computes P_ui of every item
 * from an aspect-major copy of phi (one multiply-add per item and aspect, contiguous, so
 * the JIT vectorises it): the only work over all items. Then it takes the items in
 * descending P_ui, a batch at a time, and scores those exactly (the rating parts, the
 * variance and Phi); once the N-th best exact score is at least the largest P_ui of the
 * items not yet taken, no other item can enter and the call stops (a candidate bound). A
 * typical call scores a few dozen to a few hundred items exactly. Without aspects the
 * score is the predicted rating, computed for every item.
 *
 * <p>
 * Memory: a copy of the aspect tables (K doubles per item and restart).
 */
final class EnsembleRanker implements Ranker {

	/** Covers the rounding of sums of K terms when bounding. */
	private static final double ROUNDING = 1e-12;

	/** Items scored exactly in the first batch, per item asked for. */
	private static final int BATCH_PER_ITEM = 4;

	private static final int MIN_BATCH = 32;

	private final EnsembleModel model;

	/** phi_zi of every aspect restart, aspect-major: {@code [(offset_r + z) * D + i]}. */
	private final double[] phiByAspect;

	EnsembleRanker(EnsembleModel model) {
		this.model = model;
		List<EnsembleModel.AspectMixture> aspects = model.aspectModels();
		this.phiByAspect = transpose(aspects.stream().map(EnsembleModel.AspectMixture::phi).toList(),
				aspects.stream().mapToInt(EnsembleModel.AspectMixture::clusters).toArray(), model.items());
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
		double[] phi = this.phiByAspect;
		int offset = 0;
		for (double[] weights : theta) {
			for (int z = 0; z < weights.length; z++) {
				double weight = weights[z] / theta.length;
				int base = (offset + z) * d;
				for (int i = 0; i < d; i++) {
					work[i] += weight * phi[base + i];
				}
			}
			offset += weights.length;
		}
		TopN.exclude(work, excluded, excludedCount);
		int batch = Math.max(MIN_BATCH, BATCH_PER_ITEM * top.limit());
		int[] candidates = new int[Math.min(batch, d)];
		double[] bounds = new double[candidates.length];
		while (true) {
			TopN next = new TopN(Math.min(batch, d));
			if (candidates.length < next.limit()) {
				candidates = new int[next.limit()];
				bounds = new double[next.limit()];
			}
			for (int i = 0; i < d; i++) {
				next.offer(i, work[i]);
			}
			int taken = next.drain(candidates, bounds);
			if (taken == 0) {
				return;
			}
			for (int c = 0; c < taken; c++) {
				int i = candidates[c];
				work[i] = Double.NEGATIVE_INFINITY;
				top.offer(i, this.model.score(user, i));
			}
			// every item not taken yet has P_ui at most the smallest bound taken
			if (!top.couldAccept(bounds[taken - 1] * (1 + ROUNDING))) {
				return;
			}
			batch *= 2;
		}
	}

}
