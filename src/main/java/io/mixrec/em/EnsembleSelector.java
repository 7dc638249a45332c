package io.mixrec.em;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.mixrec.em.EnsembleFitter.Job;
import io.mixrec.em.EnsembleFitter.Part;
import io.mixrec.em.EnsembleFitter.Parts;
import io.mixrec.em.EnsembleFitter.Restart;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.FittedRecommender;

/**
 * Chooses each part's K and restarts, and the variance calibration, on a validation split
 * carved from the training ratings; the test data are never involved.
 *
 * <p>
 * The training ratings are split once: a random sample of ratings (a fraction, capped)
 * becomes the validation set, the rest is fitted. Then:
 *
 * <ol>
 * <li>One restart of every candidate K of every part, all fitted at once.</li>
 * <li>The user mixture's K by the validation RMSE of biases + A; the item mixture's by
 * the RMSE of biases + A + B with A chosen; the aspect model's by the NDCG@10 of the full
 * ranking score with A and B chosen (ranking a sample of the validation users).</li>
 * <li>More restarts of each chosen K, fitted at once, and each part's restart count from
 * 1, 2, 4, ... up to its maximum, in the same order and by the same measures.</li>
 * <li>The variance scale s = mean(e^2 / v) over the validation ratings of the chosen
 * model, so that its predictive variance matches its squared errors there.</li>
 * </ol>
 *
 * K is the best candidate's. A restart count is the smallest whose measure is within a
 * tolerance of the best count's (0.1 % of the RMSE, 1 % of the NDCG): more restarts must
 * pay for their cost. Large data sets often get by with fewer restarts this way, since
 * their restarts disagree less. The cost is about two fits on the fitted share of the
 * data on top of the final fit, which the caller runs on all training ratings with
 * {@link Selection#options()}. The listener is told of every candidate restart's
 * objectives.
 */
public final class EnsembleSelector extends FitControls<EnsembleSelector, EnsembleFitter.PartListener> {

	/** A larger candidate must lower the RMSE by more than this share of it. */
	static final double RMSE_TOLERANCE = 0.001;

	/** A larger candidate must raise NDCG@10 by more than this share of it. */
	static final double NDCG_TOLERANCE = 0.01;

	private final EnsembleOptions base;

	private final Grid grid;

	private final Validation validation;

	/**
	 * @param base settings of every fit; K, restarts and variance scale are chosen
	 * @param grid the candidates
	 * @param validation how the validation split is carved
	 */
	public EnsembleSelector(EnsembleOptions base, Grid grid, Validation validation) {
		super(EnsembleFitter.PartListener.NONE);
		this.base = base;
		this.grid = grid;
		this.validation = validation;
	}

	/**
	 * @param train the training ratings
	 * @return the chosen options and every candidate's score
	 */
	public Selection select(RatingMatrix train) {
		long started = System.nanoTime();
		RatingMatrix sample = this.validation.sample(train, this.base.seed());
		RatingSplit split = RatingSplit.holdOut(sample, this.validation.fraction(), this.validation.maxHeldOut(),
				this.base.seed() ^ 0x5DEECE66DL);
		EnsembleFitter.Residuals residuals = EnsembleFitter.Residuals.of(split.train(), this.base);
		EnsembleFitter fitter = new EnsembleFitter(this.base).kernels(this.kernels)
			.listener(this.listener)
			.cancelWhen(this.cancelled);
		EnsembleFitter.Seeds seeds = new EnsembleFitter.Seeds(this.base.seed());
		Scorer scorer = new Scorer(residuals, split, this.base, this.validation.rankedUsers(), this.kernels);
		List<Candidate> candidates = new ArrayList<>();

		List<Job> first = new ArrayList<>();
		List<Setting> users = settings(this.grid.users(), this.grid.ratingWeights());
		List<Setting> items = settings(this.grid.items(), this.grid.ratingWeights());
		List<Setting> aspects = settings(this.grid.aspects(), new double[] { 1 });
		addJobs(first, Part.USERS, users, 0, 1, seeds);
		addJobs(first, Part.ITEMS, items, 0, 1, seeds);
		addJobs(first, Part.ASPECTS, aspects, 0, 1, seeds);
		Fitted round = new Fitted(first, fitter.run(residuals, first, started));

		Chosen chosen = new Chosen();
		Setting user = choose(candidates, Part.USERS, "clusters", users, false,
				(c) -> scorer.rmse(chosen.with(Part.USERS, round.restarts(Part.USERS, c, 1)), c.ratingWeight()));
		chosen.users = round.restarts(Part.USERS, user, 1);
		Setting item = items.isEmpty() ? null : choose(candidates, Part.ITEMS, "clusters", items, false,
				(c) -> scorer.rmse(chosen.with(Part.ITEMS, round.restarts(Part.ITEMS, c, 1)), user.ratingWeight()));
		chosen.items = (item != null) ? round.restarts(Part.ITEMS, item, 1) : List.of();
		Setting aspect = aspects.isEmpty() ? null : choose(candidates, Part.ASPECTS, "clusters", aspects, true,
				(c) -> scorer.ndcg(chosen.with(Part.ASPECTS, round.restarts(Part.ASPECTS, c, 1)), user.ratingWeight()));
		chosen.aspects = (aspect != null) ? round.restarts(Part.ASPECTS, aspect, 1) : List.of();

		List<Job> second = new ArrayList<>();
		addJobs(second, Part.USERS, List.of(user), 1, this.grid.userRestarts(), seeds);
		if (item != null) {
			addJobs(second, Part.ITEMS, List.of(item), 1, this.grid.itemRestarts(), seeds);
		}
		if (aspect != null) {
			addJobs(second, Part.ASPECTS, List.of(aspect), 1, this.grid.aspectRestarts(), seeds);
		}
		Fitted more = round.plus(second, fitter.run(residuals, second, started));
		int rUsers = choose(candidates, Part.USERS, "restarts", counts(user, this.grid.userRestarts()), false,
				(c) -> scorer.rmse(chosen.with(Part.USERS, more.restarts(Part.USERS, user, c.value())),
						user.ratingWeight()))
			.value();
		chosen.users = more.restarts(Part.USERS, user, rUsers);
		int rItems = 0;
		if (item != null) {
			rItems = choose(candidates, Part.ITEMS, "restarts", counts(item, this.grid.itemRestarts()), false,
					(c) -> scorer.rmse(chosen.with(Part.ITEMS, more.restarts(Part.ITEMS, item, c.value())),
							user.ratingWeight()))
				.value();
			chosen.items = more.restarts(Part.ITEMS, item, rItems);
		}
		int rAspects = 0;
		if (aspect != null) {
			rAspects = choose(candidates, Part.ASPECTS, "restarts", counts(aspect, this.grid.aspectRestarts()), true,
					(c) -> scorer.ndcg(chosen.with(Part.ASPECTS, more.restarts(Part.ASPECTS, aspect, c.value())),
							user.ratingWeight()))
				.value();
			chosen.aspects = more.restarts(Part.ASPECTS, aspect, rAspects);
		}

		EnsembleOptions chosenOptions = this.base.withUsers(
				this.base.users().withClusters(user.value()).withRatingWeight(user.ratingWeight()).withRestarts(rUsers))
			.withItems((item != null) ? this.base.items()
				.withClusters(item.value())
				.withRatingWeight(item.ratingWeight())
				.withRestarts(rItems) : this.base.items().withClusters(0))
			.withAspects((aspect != null) ? this.base.aspects().withClusters(aspect.value()).withRestarts(rAspects)
					: this.base.aspects().withClusters(0));
		Scorer chosenScorer = new Scorer(residuals, split, chosenOptions, this.validation.rankedUsers(), this.kernels);
		EnsembleModel model = chosenScorer.model(chosen.parts(), user.ratingWeight());
		double scale = chosenScorer.varianceScale(model);
		EvaluationResult figures = chosenScorer.evaluate(model, Integer.MAX_VALUE);
		return new Selection(chosenOptions.withVarianceScale(scale), List.copyOf(candidates), split.train().ratings(),
				split.heldOut().ratings(), figures.rmse(), figures.ndcgAtN(), scale, System.nanoTime() - started);
	}

	/** Every K with every rating weight, K first. */
	private static List<Setting> settings(int[] clusters, double[] ratingWeights) {
		List<Setting> settings = new ArrayList<>();
		for (int k : clusters) {
			for (double w : ratingWeights) {
				settings.add(new Setting(k, w));
			}
		}
		return settings;
	}

	private static void addJobs(List<Job> jobs, Part part, List<Setting> settings, int fromRestart, int toRestart,
			EnsembleFitter.Seeds seeds) {
		for (Setting setting : settings) {
			for (int r = fromRestart; r < toRestart; r++) {
				jobs.add(new Job(part, setting.value(), setting.ratingWeight(), r, seeds.of(part, r)));
			}
		}
	}

	/**
	 * Restart counts 1, 2, 4, ... up to and including max, of one K and rating weight.
	 */
	private static List<Setting> counts(Setting of, int max) {
		List<Setting> counts = new ArrayList<>();
		for (int r = 1; r < max; r *= 2) {
			counts.add(new Setting(r, of.ratingWeight()));
		}
		counts.add(new Setting(max, of.ratingWeight()));
		return counts.stream().distinct().toList();
	}

	/**
	 * Scores every setting in order and returns the best, or for restart counts the
	 * smallest within the tolerance of the best; records each as a candidate.
	 */
	private Setting choose(List<Candidate> candidates, Part part, String what, List<Setting> values,
			boolean higherIsBetter, ToDoubleFunction<Setting> score) {
		double[] scores = new double[values.size()];
		for (int c = 0; c < values.size(); c++) {
			checkCancelled();
			scores[c] = score.applyAsDouble(values.get(c));
		}
		double tolerance = what.equals("restarts") ? (higherIsBetter ? NDCG_TOLERANCE : RMSE_TOLERANCE) : 0;
		int chosen = pick(scores, higherIsBetter, tolerance);
		for (int c = 0; c < values.size(); c++) {
			Setting setting = values.get(c);
			candidates.add(new Candidate(part, what, setting.value(),
					(part == Part.ASPECTS) ? Double.NaN : setting.ratingWeight(), higherIsBetter ? "ndcg@10" : "rmse",
					scores[c], c == chosen));
		}
		return values.get(chosen);
	}

	/**
	 * A candidate value (K or a restart count) with the rating weight of the mixture it
	 * belongs to (1 for the aspect model, which has none).
	 */
	private record Setting(int value, double ratingWeight) {
	}

	/**
	 * @param scores candidates' scores, cheapest candidate first
	 * @param higherIsBetter whether a higher score is better
	 * @param tolerance share of the best score a cheaper candidate may fall short by
	 * @return the index of the first candidate within the tolerance of the best
	 */
	static int pick(double[] scores, boolean higherIsBetter, double tolerance) {
		int best = 0;
		for (int c = 1; c < scores.length; c++) {
			boolean better = higherIsBetter ? scores[c] > scores[best] : scores[c] < scores[best];
			best = better ? c : best;
		}
		double slack = Math.abs(scores[best]) * tolerance;
		for (int c = 0; c < scores.length; c++) {
			if (Math.abs(scores[c] - scores[best]) <= slack) {
				return c;
			}
		}
		return best;
	}

	/**
	 * How the validation split is carved.
	 *
	 * @param sampleRatings larger training sets are first cut to a random sample of users
	 * with about this many ratings, so that the selection's cost stops growing with the
	 * data
	 * @param fraction share of the (sampled) ratings held out, in (0, 1)
	 * @param maxHeldOut cap on held-out ratings
	 * @param rankedUsers validation users ranked for NDCG@10
	 */
	public record Validation(long sampleRatings, double fraction, int maxHeldOut, int rankedUsers) {

		/** Checks the ranges. */
		public Validation {
			if (sampleRatings < 1 || !(fraction > 0 && fraction < 1) || maxHeldOut < 1 || rankedUsers < 1) {
				throw new IllegalArgumentException("need a sample size, a fraction in (0, 1) and caps >= 1, had "
						+ sampleRatings + ", " + fraction + ", " + maxHeldOut + " and " + rankedUsers);
			}
		}

		/**
		 * The service's defaults: users sampled beyond 1M ratings, 20 % held out (as the
		 * prototype carved its validation splits), at most 200,000 ratings, 1,000 ranked
		 * users.
		 * @return the settings
		 */
		public static Validation defaults() {
			return new Validation(1_000_000, 0.2, 200_000, 1000);
		}

		/**
		 * @return all ratings, or those of a random sample of users (drawn with the seed)
		 * once they reach the sample size; users keep no index, items keep theirs
		 */
		RatingMatrix sample(RatingMatrix train, long seed) {
			if (train.ratings() <= this.sampleRatings) {
				return train;
			}
			int[] users = new int[train.users()];
			for (int u = 0; u < users.length; u++) {
				users[u] = u;
			}
			java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
			RatingMatrix.Builder builder = RatingMatrix.builder();
			long taken = 0;
			int rows = 0;
			for (int n = users.length; n > 0 && taken < this.sampleRatings; n--) {
				int pick = random.nextInt(n);
				int u = users[pick];
				users[pick] = users[n - 1];
				for (int p = train.start(u); p < train.end(u); p++) {
					builder.add(rows, train.item(p), train.value(p));
				}
				taken += train.count(u);
				rows++;
			}
			return builder.build(rows, train.items());
		}

	}

	/**
	 * The candidates.
	 *
	 * @param users K of the user mixture
	 * @param items K of the item mixture; empty: off
	 * @param aspects K of the aspect model; empty: off
	 * @param ratingWeights temperings of the mixtures' E-steps to try with every K
	 * @param userRestarts most restarts of the user mixture
	 * @param itemRestarts most restarts of the item mixture
	 * @param aspectRestarts most restarts of the aspect model
	 */
	public record Grid(int[] users, int[] items, int[] aspects, double[] ratingWeights, int userRestarts,
			int itemRestarts, int aspectRestarts) {

		/** Checks that every list is increasing and every maximum positive. */
		public Grid {
			if (users.length == 0 || ratingWeights.length == 0 || userRestarts < 1 || itemRestarts < 1
					|| aspectRestarts < 1) {
				throw new IllegalArgumentException("need user clusters, rating weights and restarts >= 1");
			}
			for (double w : ratingWeights) {
				if (!(w > 0 && w <= 1)) {
					throw new IllegalArgumentException("rating weights must be in (0, 1], had " + w);
				}
			}
			for (int[] list : new int[][] { users, items, aspects }) {
				for (int c = 0; c < list.length; c++) {
					if (list[c] < 1 || (c > 0 && list[c] <= list[c - 1])) {
						throw new IllegalArgumentException("cluster counts must be positive and increasing");
					}
				}
			}
		}

		/**
		 * The service's default grid, around the prototype's settings (design.md 1.4):
		 * the tempering 0.3 that MovieLens 100K preferred, or none, which data with few
		 * ratings per user need (a tempered E-step can merge their clusters).
		 * @return the grid
		 */
		public static Grid defaults() {
			return new Grid(new int[] { 8, 16, 32 }, new int[] { 8, 16, 32 }, new int[] { 16, 24, 48 },
					new double[] { 0.3, 1.0 }, 2, 2, 4);
		}

		/**
		 * @param max the most restarts any part may have
		 * @return this grid with every part's restarts capped
		 */
		public Grid withMaxRestarts(int max) {
			return new Grid(this.users, this.items, this.aspects, this.ratingWeights, Math.min(max, this.userRestarts),
					Math.min(max, this.itemRestarts), Math.min(max, this.aspectRestarts));
		}

	}

	/**
	 * One candidate's validation score.
	 *
	 * @param part which part
	 * @param setting {@code clusters} or {@code restarts}
	 * @param value the candidate's K or restart count
	 * @param ratingWeight the tempering of its mixture's E-step (NaN for the aspect
	 * model)
	 * @param measure {@code rmse} or {@code ndcg@10}
	 * @param score its value on the validation ratings
	 * @param chosen whether it won
	 */
	public record Candidate(Part part, String setting, int value, double ratingWeight, String measure, double score,
			boolean chosen) {
	}

	/**
	 * The outcome of a selection.
	 *
	 * @param options the base options with every part's K and restarts and the variance
	 * scale chosen
	 * @param candidates every candidate's score, in the order scored
	 * @param fittedRatings ratings the candidates were fitted on (of a sample of users
	 * when the training set is large)
	 * @param validationRatings ratings they were scored on
	 * @param validationRmse RMSE of the chosen configuration on them
	 * @param validationNdcg NDCG@10 of the chosen configuration on them
	 * @param varianceScale the chosen variance scale
	 * @param elapsedNanos wall time of the selection
	 */
	public record Selection(EnsembleOptions options, List<Candidate> candidates, int fittedRatings,
			int validationRatings, double validationRmse, double validationNdcg, double varianceScale,
			long elapsedNanos) {
	}

	/** Results of fitted restarts, looked up by part, K and restart. */
	private record Fitted(List<Job> jobs, List<Restart> restarts) {

		Fitted plus(List<Job> more, List<Restart> results) {
			List<Job> jobs = new ArrayList<>(this.jobs);
			jobs.addAll(more);
			List<Restart> restarts = new ArrayList<>(this.restarts);
			restarts.addAll(results);
			return new Fitted(jobs, restarts);
		}

		/** Restarts 0 to count - 1 of the part's K and rating weight. */
		List<Restart> restarts(Part part, Setting setting, int count) {
			List<Restart> found = new ArrayList<>();
			for (int r = 0; r < count; r++) {
				for (int j = 0; j < this.jobs.size(); j++) {
					Job job = this.jobs.get(j);
					if (job.part() == part && job.clusters() == setting.value()
							&& job.ratingWeight() == setting.ratingWeight() && job.restart() == r) {
						found.add(this.restarts.get(j));
					}
				}
			}
			return found;
		}

	}

	/** The restarts chosen so far per part. */
	private static final class Chosen {

		List<Restart> users = List.of();

		List<Restart> items = List.of();

		List<Restart> aspects = List.of();

		Parts parts() {
			Parts parts = new Parts();
			for (List<Restart> list : List.of(this.users, this.items, this.aspects)) {
				for (Restart restart : list) {
					restart.addTo(parts);
				}
			}
			return parts;
		}

		/** These choices with one part's restarts replaced. */
		Parts with(Part part, List<Restart> restarts) {
			Chosen copy = new Chosen();
			copy.users = (part == Part.USERS) ? restarts : this.users;
			copy.items = (part == Part.ITEMS) ? restarts : this.items;
			copy.aspects = (part == Part.ASPECTS) ? restarts : this.aspects;
			return copy.parts();
		}

	}

	/**
	 * Scores candidate models on the validation ratings.
	 *
	 * @param residuals the fitted share's bias residuals
	 * @param split the fitted share and the validation ratings
	 * @param options the settings the candidates' models are made with
	 * @param rankedUsers validation users ranked for NDCG@10
	 * @param kernels the sums the models' fold-ins run
	 */
	private record Scorer(EnsembleFitter.Residuals residuals, RatingSplit split, EnsembleOptions options,
			int rankedUsers, Kernels kernels) {

		/**
		 * @param userRatingWeight the tempering the user mixture was fitted with, which
		 * its fold-in must use too
		 */
		EnsembleModel model(Parts parts, double userRatingWeight) {
			EnsembleOptions o = this.options.withUsers(this.options.users().withRatingWeight(userRatingWeight));
			return EnsembleFitter.model(this.residuals, o, parts).using(this.kernels);
		}

		double rmse(Parts parts, double userRatingWeight) {
			// one ranked user: the ranking figures are not used here
			return evaluate(model(parts, userRatingWeight), 1).rmse();
		}

		double ndcg(Parts parts, double userRatingWeight) {
			return evaluate(model(parts, userRatingWeight), this.rankedUsers).ndcgAtN();
		}

		EvaluationResult evaluate(EnsembleModel model, int ranked) {
			Evaluator evaluator = new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD,
					this.options.threads(), Math.min(ranked, this.rankedUsers));
			return evaluator.evaluate(new FittedRecommender(model, this.split.train()), this.split.train(),
					this.split.heldOut());
		}

		/** mean(e^2 / v) over the validation ratings, predictions clamped as served. */
		double varianceScale(EnsembleModel model) {
			RatingMatrix train = this.split.train();
			RatingMatrix test = this.split.heldOut();
			FittedRecommender recommender = new FittedRecommender(model, train);
			double low = Double.POSITIVE_INFINITY;
			double high = Double.NEGATIVE_INFINITY;
			for (int p = 0; p < train.ratings(); p++) {
				low = Math.min(low, train.value(p));
				high = Math.max(high, train.value(p));
			}
			double sum = 0;
			for (int u = 0; u < test.users(); u++) {
				if (test.count(u) == 0) {
					continue;
				}
				EnsembleUser user = (EnsembleUser) recommender.foldIn(u);
				for (int p = test.start(u); p < test.end(u); p++) {
					double predicted = Math.min(high, Math.max(low, model.predict(user, test.item(p))));
					double error = test.value(p) - predicted;
					sum += error * error / model.variance(user, test.item(p));
				}
			}
			// the model's own scale is in v; the chosen scale replaces it
			return (test.ratings() > 0) ? this.options.varianceScale() * sum / test.ratings() : 1;
		}

	}

}
