package io.mixrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.mixrec.em.Kernels;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RankingScore;
import io.mixrec.em.eval.BiasRecommender;
import io.mixrec.em.eval.EvaluationResult;
import io.mixrec.em.eval.Evaluator;
import io.mixrec.em.eval.FittedRecommender;
import io.mixrec.em.eval.GlobalMeanRecommender;
import io.mixrec.em.eval.MixtureRecommender;
import io.mixrec.em.eval.PopularityRecommender;
import io.mixrec.em.eval.Recommender;
import io.mixrec.em.eval.UncertaintyReport;
import tools.jackson.databind.node.ObjectNode;

import static io.mixrec.cli.JsonOutput.finite;

/**
 * {@code evaluate}: fits a model on a training file and reports it beside the global
 * mean, damped biases and most-popular baselines on a test file (design.md 1.2), with how
 * well its predictive standard deviation describes its errors.
 */
final class EvaluateCommand {

	static final String NAME = "evaluate";

	static final String USAGE = """
			usage: java -jar mixrec.jar evaluate --train FILE --test FILE [options]
			Fits mixrec on the training ratings and prints RMSE, MAE, P@10, R@10 and NDCG@10 on the
			test ratings for mixrec and the global-mean, damped-bias and most-popular baselines, and
			the coverage of mixrec's predictive intervals. Choices made by data (K, restarts) use a
			validation split of the training ratings only.
			Files: u.data style (user TAB item TAB rating [TAB timestamp]) or CSV with a header.
			  --train FILE              training ratings (required)
			  --test FILE               held-out ratings (required)
			""" + FitSettings.USAGE + """
			  --ranking predicted|rate|rate-and-like
			                            top-N score of the mixture presets (default: rate-and-like
			                            with the presence model)
			  --format text|json        json: one object on the last line (default text)
			""";

	private static final Set<String> OPTIONS = options();

	private EvaluateCommand() {
	}

	private static Set<String> options() {
		Set<String> options = new HashSet<>(FitSettings.OPTIONS);
		options.addAll(Set.of("train", "test", "ranking", "format"));
		return Set.copyOf(options);
	}

	static Set<String> optionNames() {
		return OPTIONS;
	}

	static int run(CommandOptions line, Kernels kernels, PrintStream out) throws IOException {
		Path trainFile = Path.of(line.required("train"));
		Path testFile = Path.of(line.required("test"));
		FitSettings settings = FitSettings.of(line);
		boolean json = line.choice("format", "text", "text", "json").equals("json");
		String ranking = line.has("ranking") ? line.choice("ranking", "", "predicted", "rate", "rate-and-like") : "";
		if (!ranking.isEmpty() && settings.ensemble() != null) {
			throw new UsageException("--ranking applies to the mixture and classic presets");
		}
		if (!ranking.isEmpty() && !ranking.equals("predicted") && !settings.preset().equals("mixture")) {
			throw new UsageException("--ranking " + ranking + " needs the presence model of --preset mixture");
		}
		RatingFiles.Split split;
		FitSettings.Fitted fit;
		// the SIMD kernels compile on the other core while the file is read
		try (EngineWarmUp warmUp = EngineWarmUp.start(kernels, null)) {
			split = RatingFiles.loadSplit(trainFile, testFile);
			PrintStream log = json ? new PrintStream(PrintStream.nullOutputStream()) : out;
			fit = settings.fit(split.train(), kernels, log);
		}
		Recommender recommender = recommender(fit, split, ranking);
		Evaluator evaluator = new Evaluator(Evaluator.DEFAULT_CUTOFF, Evaluator.DEFAULT_RELEVANCE_THRESHOLD,
				Runtime.getRuntime().availableProcessors());
		long evaluationStarted = System.nanoTime();
		EvaluationResult mixrec = evaluator.evaluate(recommender, split.train(), split.test());
		double evaluationSeconds = (System.nanoTime() - evaluationStarted) / 1e9;
		UncertaintyReport uncertainty = UncertaintyReport.of(fit.model(), split.train(), split.test());
		Map<String, EvaluationResult> baselines = new LinkedHashMap<>();
		baselines.put("globalMean",
				evaluator.evaluate(new GlobalMeanRecommender(split.train()), split.train(), split.test()));
		baselines.put("biases", evaluator.evaluate(new BiasRecommender(split.train()), split.train(), split.test()));
		baselines.put("popularity",
				evaluator.evaluate(new PopularityRecommender(split.train()), split.train(), split.test()));
		if (json) {
			out.println(
					json(mixrec, settings, fit, uncertainty, baselines).put("evaluationSeconds", evaluationSeconds));
		}
		else {
			printText(out, settings, trainFile, testFile, split, fit, mixrec, uncertainty, baselines);
			out.printf(Locale.ROOT, "evaluating mixrec took %.3f s%n", evaluationSeconds);
		}
		return 0;
	}

	private static Recommender recommender(FitSettings.Fitted fit, RatingFiles.Split split, String ranking) {
		if (ranking.isEmpty()) {
			return new FittedRecommender(fit.model(), split.train());
		}
		RankingScore score = switch (ranking) {
			case "rate" -> RankingScore.RATE_PROBABILITY;
			case "rate-and-like" -> RankingScore.RATE_AND_LIKE;
			default -> RankingScore.PREDICTED_RATING;
		};
		return new MixtureRecommender((MixtureModel) fit.model(), split.train(), score);
	}

	private static ObjectNode json(EvaluationResult mixrec, FitSettings settings, FitSettings.Fitted fit,
			UncertaintyReport uncertainty, Map<String, EvaluationResult> baselines) {
		ObjectNode json = metrics(mixrec).put("preset", settings.preset())
			.put("model", fit.describe())
			.put("clusters", fit.model().clusters())
			.put("fitSeconds", finite(fit.elapsedNanos() / 1e9))
			.put("iterations", fit.iterations())
			.put("converged", fit.converged())
			.put("usersRanked", mixrec.usersRanked())
			.put("testRatings", mixrec.testRatings());
		json.set("uncertainty",
				JsonOutput.object()
					.put("coverage80", finite(uncertainty.coverage80()))
					.put("coverage95", finite(uncertainty.coverage95()))
					.put("spearmanAbsErrorStdDev", finite(uncertainty.spearman()))
					.put("coldStartStdDev", finite(uncertainty.coldStartStdDev()))
					.put("medianUserStdDev", finite(uncertainty.medianUserStdDev())));
		ObjectNode nested = JsonOutput.object();
		baselines.forEach((name, result) -> nested.set(name, metrics(result)));
		json.set("baselines", nested);
		return json;
	}

	private static ObjectNode metrics(EvaluationResult result) {
		return JsonOutput.object()
			.put("rmse", finite(result.rmse()))
			.put("mae", finite(result.mae()))
			.put("precisionAt10", finite(result.precisionAtN()))
			.put("recallAt10", finite(result.recallAtN()))
			.put("ndcgAt10", finite(result.ndcgAtN()));
	}

	private static void printText(PrintStream out, FitSettings settings, Path trainFile, Path testFile,
			RatingFiles.Split split, FitSettings.Fitted fit, EvaluationResult mixrec, UncertaintyReport uncertainty,
			Map<String, EvaluationResult> baselines) {
		out.printf(Locale.ROOT, "train %s: %d ratings, %d users, %d items%n", trainFile, split.train().ratings(),
				split.train().users(), split.train().items() - split.testOnlyItems());
		out.printf(Locale.ROOT, "test  %s: %d ratings (%d users and %d items not in train)%n", testFile,
				split.test().ratings(), split.testOnlyUsers(), split.testOnlyItems());
		out.printf(Locale.ROOT, "mixrec: preset %s, clusters %s: %s%n", settings.preset(),
				settings.auto() ? "auto" : "fixed", fit.describe());
		out.printf(Locale.ROOT, "fit: %.2f s, %d iterations over all restarts and parts, %s%n",
				fit.elapsedNanos() / 1e9, fit.iterations(), fit.converged() ? "converged" : "NOT converged");
		out.printf(Locale.ROOT, "%-15s %7s %7s %7s %7s %8s%n", "model", "RMSE", "MAE", "P@10", "R@10", "NDCG@10");
		row(out, "mixrec", mixrec);
		row(out, "global mean", Objects.requireNonNull(baselines.get("globalMean")));
		row(out, "damped biases", Objects.requireNonNull(baselines.get("biases")));
		row(out, "most popular", Objects.requireNonNull(baselines.get("popularity")));
		out.printf(Locale.ROOT, "top-10 over %d users with a test rating >= 4%n", mixrec.usersRanked());
		out.printf(Locale.ROOT,
				"stdDev: 80 %% interval covers %.4f, 95 %% covers %.4f of test ratings; Spearman(|error|, stdDev) "
						+ "%.4f; cold start %.4f vs median user %.4f%n",
				uncertainty.coverage80(), uncertainty.coverage95(), uncertainty.spearman(),
				uncertainty.coldStartStdDev(), uncertainty.medianUserStdDev());
	}

	private static void row(PrintStream out, String name, EvaluationResult r) {
		out.printf(Locale.ROOT, "%-15s %7s %7s %7s %7s %8s%n", name, number(r.rmse()), number(r.mae()),
				number(r.precisionAtN()), number(r.recallAtN()), number(r.ndcgAtN()));
	}

	private static String number(double value) {
		return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
	}

}
