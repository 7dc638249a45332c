package io.mixrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.mixrec.em.EmOptions;
import io.mixrec.em.FitListener;
import io.mixrec.em.FitResult;
import io.mixrec.em.Kernels;
import io.mixrec.em.MixtureFitter;

import static io.mixrec.cli.JsonOutput.finite;

/**
 * {@code fit}: fits a mixture to a rating file and reports the objective per iteration,
 * speed and peak heap, the figures the engine's performance targets are stated in.
 */
final class FitCommand {

	static final String NAME = "fit";

	static final String USAGE = """
			usage: java -jar mixrec.jar fit --ratings FILE [options]
			Fits a model and prints its fit time and peak heap; a single mixture with a fixed K also
			prints the objective per iteration, seconds per iteration and ns per rating x cluster x
			iteration (fit time without loading).
			  --ratings FILE            ratings, u.data style or CSV with a header (required)
			""" + FitSettings.USAGE + """
			  --format text|json        json: one object on the last line of standard output,
			                            progress on standard error (default text)
			""";

	private static final Set<String> OPTIONS = options();

	private FitCommand() {
	}

	private static Set<String> options() {
		Set<String> options = new HashSet<>(FitSettings.OPTIONS);
		options.addAll(Set.of("ratings", "format"));
		return Set.copyOf(options);
	}

	static Set<String> optionNames() {
		return OPTIONS;
	}

	static int run(CommandOptions line, Kernels kernels, PrintStream out, PrintStream err) throws IOException {
		Path file = Path.of(line.required("ratings"));
		FitSettings settings = FitSettings.of(line);
		boolean json = line.choice("format", "text", "text", "json").equals("json");
		PrintStream progress = json ? err : out;
		if (settings.mixture() == null || settings.auto()) {
			return fitModel(file, settings, kernels, json, out, progress);
		}
		EmOptions options = settings.mixture();
		Loaded loaded;
		FitResult fit;
		long fitPeak;
		// the SIMD kernels and then the whole pass compile on the other core while the
		// file is read
		try (EngineWarmUp warmUp = EngineWarmUp.start(kernels, options)) {
			loaded = load(file, progress);
			HeapPeak.reset();
			fit = new MixtureFitter(options).kernels(kernels)
				.listener(new Progress(progress))
				.fit(loaded.data().matrix());
			fitPeak = HeapPeak.bytes();
		}
		RatingData data = loaded.data();
		double loadSeconds = loaded.seconds();
		long loadPeak = loaded.peak();
		double ratingClusterIterations = (double) data.matrix().ratings() * options.clusters() * fit.totalIterations();
		double nsPerUnit = fit.elapsedNanos() / Math.max(1, ratingClusterIterations);
		long peak = Math.max(loadPeak, fitPeak);
		if (json) {
			out.println(JsonOutput.object()
				.put("logLikelihood", finite(fit.objective()))
				.put("logLikelihoodWithoutPrior", finite(fit.logLikelihood()))
				.put("iterations", fit.iterations())
				.put("totalIterations", fit.totalIterations())
				.put("converged", fit.converged())
				.put("secondsPerIteration", finite(fit.secondsPerIteration()))
				.put("nsPerRatingClusterIteration", finite(nsPerUnit))
				.put("peakHeapBytes", peak)
				.put("fitPeakHeapBytes", fitPeak)
				.put("fitSeconds", finite(fit.elapsedNanos() / 1e9))
				.put("loadSeconds", finite(loadSeconds))
				.put("ratings", data.matrix().ratings())
				.put("clusters", options.clusters()));
		}
		else {
			out.printf(Locale.ROOT, "objective %.6f (log-likelihood %.6f), %d iterations, %s%n", fit.objective(),
					fit.logLikelihood(), fit.totalIterations(), fit.converged() ? "converged" : "NOT converged");
			out.printf(Locale.ROOT, "fit %.2f s, %.4f s per iteration, %.3f ns per rating x cluster x iteration%n",
					fit.elapsedNanos() / 1e9, fit.secondsPerIteration(), nsPerUnit);
			out.printf(Locale.ROOT, "peak heap %d MB (during the fit only %d MB; load peak %d MB)%n", peak >> 20,
					fitPeak >> 20, loadPeak >> 20);
		}
		return 0;
	}

	/**
	 * The ensemble, or a mixture whose K is chosen by data: the whole fit's time and
	 * heap.
	 */
	private static int fitModel(Path file, FitSettings settings, Kernels kernels, boolean json, PrintStream out,
			PrintStream progress) throws IOException {
		Loaded loaded;
		FitSettings.Fitted fit;
		long fitPeak;
		try (EngineWarmUp warmUp = EngineWarmUp.start(kernels, null)) {
			loaded = load(file, progress);
			HeapPeak.reset();
			fit = settings.fit(loaded.data().matrix(), kernels, progress);
			fitPeak = HeapPeak.bytes();
		}
		RatingData data = loaded.data();
		double loadSeconds = loaded.seconds();
		long loadPeak = loaded.peak();
		long peak = Math.max(loadPeak, fitPeak);
		if (json) {
			out.println(JsonOutput.object()
				.put("preset", settings.preset())
				.put("model", fit.describe())
				.put("totalIterations", fit.iterations())
				.put("converged", fit.converged())
				.put("peakHeapBytes", peak)
				.put("fitPeakHeapBytes", fitPeak)
				.put("fitSeconds", finite(fit.elapsedNanos() / 1e9))
				.put("loadSeconds", finite(loadSeconds))
				.put("ratings", data.matrix().ratings())
				.put("clusters", fit.model().clusters()));
		}
		else {
			out.printf(Locale.ROOT, "%s: %s%n", settings.preset(), fit.describe());
			out.printf(Locale.ROOT, "fit %.2f s, %d iterations over all restarts and parts, %s%n",
					fit.elapsedNanos() / 1e9, fit.iterations(), fit.converged() ? "converged" : "NOT converged");
			out.printf(Locale.ROOT, "peak heap %d MB (during the fit only %d MB; load peak %d MB)%n", peak >> 20,
					fitPeak >> 20, loadPeak >> 20);
		}
		return 0;
	}

	/** Reads the file, measuring time and peak heap; prints what it read. */
	private static Loaded load(Path file, PrintStream progress) throws IOException {
		HeapPeak.reset();
		long started = System.nanoTime();
		RatingData data = RatingFiles.load(file);
		double seconds = (System.nanoTime() - started) / 1e9;
		long peak = HeapPeak.bytes();
		progress.printf(Locale.ROOT, "loaded %s: %d ratings, %d users, %d items in %.2f s%n", file,
				data.matrix().ratings(), data.matrix().users(), data.matrix().items(), seconds);
		return new Loaded(data, seconds, peak);
	}

	private record Loaded(RatingData data, double seconds, long peak) {
	}

	/** Prints one line per E-step with the time since the previous one. */
	private static final class Progress implements FitListener {

		private final PrintStream out;

		private long previous;

		Progress(PrintStream out) {
			this.out = out;
		}

		@Override
		public void onIteration(int restart, int iteration, double objective, long elapsedNanos) {
			if (iteration == 1) {
				this.out.printf(Locale.ROOT, "restart %d%n", restart);
			}
			this.out.printf(Locale.ROOT, "  iteration %4d  objective %.6f  %.3f s%n", iteration, objective,
					(elapsedNanos - this.previous) / 1e9);
			this.previous = elapsedNanos;
		}

	}

}
