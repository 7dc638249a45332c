package io.mixrec.refit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Whether a candidate model may replace the active one. Every figure comes from the same
 * held-out ratings (the candidate's holdout): the candidate activates only if
 *
 * <ul>
 * <li>its RMSE is below the damped-bias baseline's and its NDCG@10 above most-popular's,
 * both fitted on the candidate's training ratings, and</li>
 * <li>against the active model, if there is one: its RMSE is at most the active one's
 * times (1 + tolerance) and its NDCG@10 at least the active one's times (1 -
 * tolerance).</li>
 * </ul>
 *
 * NDCG@10 comparisons are skipped where a figure is undefined (no held-out user with a
 * relevant rating). The held-out ratings are chosen by a hash of their (user, item) keys
 * ({@link io.mixrec.em.RatingSplit#holdOutByKey}), so the active model, fitted by an
 * earlier refit with the same holdout settings, did not train on them either. What leaks
 * is only what a change of settings lets in (a larger holdout fraction, or an active
 * version fitted without holdout), and it flatters the active model: the gate then errs
 * towards keeping what serves.
 *
 * @param tolerance the relative tolerance against the active model
 */
record QualityGate(double tolerance) {

	/**
	 * @param candidate the candidate's holdout figures
	 * @param active the active model's figures on the same ratings, or null without one
	 * @param activeVersion its version, or null
	 * @param biasRmse the damped-bias baseline's RMSE there
	 * @param popularityNdcg most-popular's NDCG@10 there
	 * @return the decision with its reasons and every figure
	 */
	Decision decide(Figures candidate, @Nullable Figures active, @Nullable Long activeVersion, double biasRmse,
			double popularityNdcg) {
		List<String> reasons = new ArrayList<>();
		if (!(candidate.rmse() < biasRmse)) {
			reasons.add(format("holdout RMSE %.4f is not better than the damped-bias baseline's %.4f", candidate.rmse(),
					biasRmse));
		}
		if (defined(candidate.ndcg(), popularityNdcg) && !(candidate.ndcg() > popularityNdcg)) {
			reasons.add(format("holdout NDCG@10 %.4f is not better than most-popular's %.4f", candidate.ndcg(),
					popularityNdcg));
		}
		if (active != null) {
			if (candidate.rmse() > active.rmse() * (1 + this.tolerance)) {
				reasons.add(format(
						"holdout RMSE %.4f is worse than the active version %d's %.4f on the same ratings "
								+ "by more than %.1f %%",
						candidate.rmse(), activeVersion, active.rmse(), 100 * this.tolerance));
			}
			if (defined(candidate.ndcg(), active.ndcg()) && candidate.ndcg() < active.ndcg() * (1 - this.tolerance)) {
				reasons.add(format(
						"holdout NDCG@10 %.4f is below the active version %d's %.4f on the same ratings "
								+ "by more than %.1f %%",
						candidate.ndcg(), activeVersion, active.ndcg(), 100 * this.tolerance));
			}
		}
		return new Decision(reasons.isEmpty(), List.copyOf(reasons), candidate, active, activeVersion, biasRmse,
				popularityNdcg, this.tolerance);
	}

	private static boolean defined(double a, double b) {
		return Double.isFinite(a) && Double.isFinite(b);
	}

	private static String format(String pattern, @Nullable Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

	/**
	 * A model's figures on the held-out ratings.
	 *
	 * @param rmse RMSE over every held-out rating
	 * @param ndcg NDCG@10 over the ranked users (NaN when none has a relevant rating)
	 */
	record Figures(double rmse, double ndcg) {
	}

	/**
	 * The gate's answer.
	 *
	 * @param activate whether the candidate may activate
	 * @param reasons why not, one per failed rule
	 * @param candidate its figures
	 * @param active the active model's, or null
	 * @param activeVersion the active version, or null
	 * @param biasRmse the damped-bias baseline's RMSE
	 * @param popularityNdcg most-popular's NDCG@10
	 * @param tolerance the relative tolerance against the active model
	 */
	record Decision(boolean activate, List<String> reasons, Figures candidate, @Nullable Figures active,
			@Nullable Long activeVersion, double biasRmse, double popularityNdcg, double tolerance) {

		/**
		 * @return the reasons as one sentence, or null when the candidate may activate
		 */
		@Nullable String rejection() {
			return this.activate ? null : String.join("; ", this.reasons);
		}

		/**
		 * @param enabled whether the gate could reject (when not, the decision is only
		 * what it would have been)
		 * @return the decision as the version records it (JSON)
		 */
		Map<String, Object> describe(boolean enabled) {
			Map<String, Object> all = new LinkedHashMap<>();
			all.put("enabled", enabled);
			all.put("decision", this.activate ? "activate" : "reject");
			all.put("reasons", this.reasons);
			all.put("tolerance", this.tolerance);
			all.put("candidate", figures(this.candidate));
			if (this.active != null) {
				Map<String, Object> active = figures(this.active);
				active.put("version", this.activeVersion);
				all.put("active", active);
			}
			// NDCG is undefined (NaN, stored as null) when no held-out user has a
			// relevant
			// rating; Map.of would refuse the null.
			Map<String, Object> baselines = new LinkedHashMap<>();
			baselines.put("biasesRmse", finite(this.biasRmse));
			baselines.put("popularityNdcgAt10", finite(this.popularityNdcg));
			all.put("baselines", baselines);
			return all;
		}

		private static Map<String, Object> figures(Figures figures) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("rmse", figures.rmse());
			map.put("ndcgAt10", finite(figures.ndcg()));
			return map;
		}

		private static @Nullable Double finite(double value) {
			return Double.isFinite(value) ? value : null;
		}

	}

}
