package io.mixrec.em.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.mixrec.em.EnsembleFitter;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSelector;
import io.mixrec.em.FittedModel;
import io.mixrec.em.RatingMatrix;

/**
 * How the ensemble's defaults were chosen: variants of the options scored on validation
 * splits carved from MovieLens 100K's training files only (20 % of u1.base and of
 * u2.base, shuffled with seed 123 + fold, as the prototype carved its own), averaged over
 * folds and over master seeds 0 to S - 1. Not a test: run by
 * {@code bench/validation-sweep.sh}.
 *
 * <p>
 * Each argument is a variant: {@code default} (fixed settings), {@code auto} (K,
 * restarts, tempering and variance scale chosen by the selector, as the service does), or
 * either followed by comma-separated overrides: {@code A=KxR}, {@code B=KxR},
 * {@code C=KxR} (K and restarts of the user mixture, item mixture and aspect model),
 * {@code tauA=}, {@code tauB=} (tempering), {@code lamA=}, {@code lamB=} (mean priors),
 * {@code alpha=} (the aspect weights' smoothing), {@code like=} (the like threshold),
 * {@code itC=N/tol} (the aspect model's iteration limit and tolerance). Example:
 * {@code default,alpha=0.5 default,alpha=1 auto}.
 */
public final class ValidationSweep {

	private static final int USERS = 943;

	private static final int ITEMS = 1682;

	private ValidationSweep() {
	}

	public static void main(String[] args) throws IOException {
		Path data = Path.of(System.getProperty("data", "../shared/data/ml-100k"));
		int seeds = Integer.getInteger("seeds", 3);
		RatingMatrix[][] splits = { split(data, 1), split(data, 2) };
		System.out.printf(Locale.ROOT, "validation splits of u1.base and u2.base, %d seed(s) each%n", seeds);
		System.out.printf(Locale.ROOT, "%-50s %7s %7s %8s %6s%n", "variant", "RMSE", "P@10", "NDCG@10", "fit s");
		for (String variant : args) {
			double[] sum = new double[4];
			for (RatingMatrix[] split : splits) {
				for (int seed = 0; seed < seeds; seed++) {
					long started = System.nanoTime();
					FittedModel model = fit(variant, split[0], seed);
					double seconds = (System.nanoTime() - started) / 1e9;
					EvaluationResult result = new Evaluator(Evaluator.DEFAULT_CUTOFF,
							Evaluator.DEFAULT_RELEVANCE_THRESHOLD, Runtime.getRuntime().availableProcessors())
						.evaluate(new FittedRecommender(model, split[0]), split[0], split[1]);
					sum[0] += result.rmse();
					sum[1] += result.precisionAtN();
					sum[2] += result.ndcgAtN();
					sum[3] += seconds;
				}
			}
			int runs = splits.length * seeds;
			System.out.printf(Locale.ROOT, "%-50s %7.4f %7.4f %8.4f %6.1f%n", variant, sum[0] / runs, sum[1] / runs,
					sum[2] / runs, sum[3] / runs);
		}
	}

	private static FittedModel fit(String variant, RatingMatrix train, long seed) {
		String[] parts = variant.split(",", 2);
		EnsembleOptions options = overrides(EnsembleOptions.defaults().withSeed(seed),
				(parts.length > 1) ? parts[1] : "");
		if (parts[0].equals("auto")) {
			options = new EnsembleSelector(options, EnsembleSelector.Grid.defaults(),
					EnsembleSelector.Validation.defaults())
				.select(train)
				.options();
		}
		else if (!parts[0].equals("default")) {
			throw new IllegalArgumentException("a variant starts with 'default' or 'auto', was " + variant);
		}
		return new EnsembleFitter(options).fit(train).model();
	}

	private static EnsembleOptions overrides(EnsembleOptions base, String spec) {
		EnsembleOptions o = base;
		for (String pair : spec.isEmpty() ? new String[0] : spec.split(",")) {
			String[] kv = pair.split("=", 2);
			String value = kv[1];
			EnsembleOptions.Mixture users = o.users();
			EnsembleOptions.Mixture items = o.items();
			EnsembleOptions.Aspects aspects = o.aspects();
			switch (kv[0]) {
				case "A" -> o = o.withUsers(users.withClusters(first(value)).withRestarts(second(value)));
				case "B" -> o = o.withItems(items.withClusters(first(value)).withRestarts(second(value)));
				case "C" -> o = o.withAspects(aspects.withClusters(first(value)).withRestarts(second(value)));
				case "tauA" -> o = o.withUsers(users.withRatingWeight(Double.parseDouble(value)));
				case "tauB" -> o = o.withItems(items.withRatingWeight(Double.parseDouble(value)));
				case "lamA" -> o = o.withUsers(
						new EnsembleOptions.Mixture(users.clusters(), users.restarts(), Double.parseDouble(value),
								users.ratingWeight(), users.varianceFloor(), users.maxIterations(), users.tolerance()));
				case "lamB" -> o = o.withItems(
						new EnsembleOptions.Mixture(items.clusters(), items.restarts(), Double.parseDouble(value),
								items.ratingWeight(), items.varianceFloor(), items.maxIterations(), items.tolerance()));
				case "alpha" -> o = o.withAspects(
						new EnsembleOptions.Aspects(aspects.clusters(), aspects.restarts(), Double.parseDouble(value),
								aspects.itemSmoothing(), aspects.maxIterations(), aspects.minIterations(),
								aspects.tolerance(), aspects.foldInIterations(), aspects.foldInTolerance()));
				case "like" -> o = new EnsembleOptions(o.userBiasDamping(), o.itemBiasDamping(), o.biasSweeps(), users,
						items, aspects, Double.parseDouble(value), o.varianceScale(), o.threads(), o.seed());
				case "itC" -> {
					String[] limit = value.split("/");
					int iterations = Integer.parseInt(limit[0]);
					o = o.withAspects(new EnsembleOptions.Aspects(aspects.clusters(), aspects.restarts(),
							aspects.userSmoothing(), aspects.itemSmoothing(), iterations,
							Math.min(aspects.minIterations(), iterations), Double.parseDouble(limit[1]),
							aspects.foldInIterations(), aspects.foldInTolerance()));
				}
				default -> throw new IllegalArgumentException("unknown override " + kv[0]);
			}
		}
		return o;
	}

	private static int first(String kxr) {
		return Integer.parseInt(kxr.split("x")[0]);
	}

	private static int second(String kxr) {
		return Integer.parseInt(kxr.split("x")[1]);
	}

	/** 80 % of u{fold}.base to fit, 20 % to validate, u{fold}.test untouched. */
	private static RatingMatrix[] split(Path data, int fold) throws IOException {
		List<int[]> ratings = new ArrayList<>();
		for (String line : Files.readAllLines(data.resolve("u" + fold + ".base"))) {
			String[] fields = line.split("\t");
			ratings.add(new int[] { Integer.parseInt(fields[0]) - 1, Integer.parseInt(fields[1]) - 1,
					Integer.parseInt(fields[2]) });
		}
		Collections.shuffle(ratings, new Random(123 + fold));
		int validation = ratings.size() / 5;
		return new RatingMatrix[] { matrix(ratings.subList(validation, ratings.size())),
				matrix(ratings.subList(0, validation)) };
	}

	private static RatingMatrix matrix(List<int[]> ratings) {
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int[] r : ratings) {
			builder.add(r[0], r[1], r[2]);
		}
		return builder.build(USERS, ITEMS);
	}

}
