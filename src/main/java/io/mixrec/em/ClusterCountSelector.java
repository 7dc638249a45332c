package io.mixrec.em;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the number of clusters K from candidates, either by BIC on fits to all the data
 * or by RMSE on held-out ratings (each candidate fitted on the rest); the chosen K is
 * then returned fitted on all the data. The listener is told of the iterations of that
 * final fit.
 */
public final class ClusterCountSelector extends FitControls<ClusterCountSelector, FitListener> {

	/** How candidates are compared. */
	public enum Criterion {

		/** Lowest {@code -2 LL + parameters x ln(users)}. */
		BIC,

		/** Lowest RMSE on a random held-out sample of the ratings. */
		HELD_OUT

	}

	private final EmOptions options;

	private final Criterion criterion;

	private final double heldOutFraction;

	/**
	 * @param options options for every fit; the cluster count is replaced per candidate
	 * @param criterion how to compare candidates
	 * @param heldOutFraction share of ratings held out for {@link Criterion#HELD_OUT}
	 */
	public ClusterCountSelector(EmOptions options, Criterion criterion, double heldOutFraction) {
		super(FitListener.NONE);
		if (criterion == Criterion.HELD_OUT && !(heldOutFraction > 0 && heldOutFraction < 1)) {
			throw new IllegalArgumentException("heldOutFraction must be in (0, 1), was " + heldOutFraction);
		}
		this.options = options;
		this.criterion = criterion;
		this.heldOutFraction = heldOutFraction;
	}

	/**
	 * @param matrix all ratings
	 * @param candidates cluster counts to try, at least one
	 * @return every candidate's score and the chosen K fitted on all ratings
	 */
	public Selection select(RatingMatrix matrix, int... candidates) {
		if (candidates.length == 0) {
			throw new IllegalArgumentException("no candidate cluster counts");
		}
		RatingSplit split = (this.criterion == Criterion.HELD_OUT)
				? RatingSplit.holdOut(matrix, this.heldOutFraction, Integer.MAX_VALUE, this.options.seed()) : null;
		List<Candidate> scored = new ArrayList<>();
		Candidate best = null;
		FitResult bestFit = null;
		for (int k : candidates) {
			EmOptions withK = this.options.toBuilder().clusters(k).build();
			FitResult fit;
			double score;
			if (split != null) {
				fit = new MixtureFitter(withK).kernels(this.kernels).cancelWhen(this.cancelled).fit(split.train());
				score = heldOutRmse(fit.model(), split);
			}
			else {
				fit = new MixtureFitter(withK).kernels(this.kernels).cancelWhen(this.cancelled).fit(matrix);
				score = fit.bic();
			}
			Candidate candidate = new Candidate(k, score, fit.objective(), fit.iterations());
			scored.add(candidate);
			if (best == null || score < best.score()) {
				best = candidate;
				bestFit = fit;
			}
		}
		Objects.requireNonNull(best, "no candidate scored");
		FitResult chosen = (split != null)
				? new MixtureFitter(this.options.toBuilder().clusters(best.clusters()).build()).kernels(this.kernels)
					.listener(this.listener)
					.cancelWhen(this.cancelled)
					.fit(matrix)
				: Objects.requireNonNull(bestFit);
		return new Selection(best.clusters(), this.criterion, List.copyOf(scored), chosen);
	}

	private static double heldOutRmse(MixtureModel model, RatingSplit split) {
		RatingMatrix test = split.heldOut();
		double squares = 0;
		for (int u = 0; u < test.users(); u++) {
			if (test.count(u) == 0) {
				continue;
			}
			UserPosterior posterior = model.foldIn(split.train(), u);
			for (int k = test.start(u); k < test.end(u); k++) {
				double error = model.predict(posterior, test.item(k)) - test.value(k);
				squares += error * error;
			}
		}
		return Math.sqrt(squares / Math.max(1, test.ratings()));
	}

	/**
	 * One candidate's outcome.
	 *
	 * @param clusters K
	 * @param score BIC or held-out RMSE (lower is better)
	 * @param objective final objective of its fit
	 * @param iterations E-steps of its fit
	 */
	public record Candidate(int clusters, double score, double objective, int iterations) {
	}

	/**
	 * The outcome of a selection.
	 *
	 * @param clusters the chosen K
	 * @param criterion how it was chosen
	 * @param candidates every candidate in the order tried
	 * @param fit the chosen K fitted on all ratings
	 */
	public record Selection(int clusters, Criterion criterion, List<Candidate> candidates, FitResult fit) {
	}

}
