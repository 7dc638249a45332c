package io.mixrec.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.mixrec.em.ClusterCountSelector;
import io.mixrec.em.EmOptions;
import io.mixrec.em.EnsembleFit;
import io.mixrec.em.EnsembleFitter;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSelector;
import io.mixrec.em.EnsembleSetup;
import io.mixrec.em.FitResult;
import io.mixrec.em.FittedModel;
import io.mixrec.em.Kernels;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.RatingMatrix;
import org.jspecify.annotations.Nullable;

/**
 * The options {@code evaluate} and {@code fit} share, turned into what to fit: a preset,
 * then any explicit overrides; K chosen on a validation split of the training ratings
 * unless {@code --clusters} fixes it, as the service's refit does.
 *
 * @param preset {@code ensemble}, {@code mixture} or {@code classic}
 * @param mixture engine options of the single-mixture presets, else null
 * @param candidates K values a single mixture chooses from, or null for a fixed K
 * @param ensemble the ensemble's options, else null
 * @param grid the ensemble's candidates, or null for fixed settings
 */
record FitSettings(String preset, @Nullable EmOptions mixture, int @Nullable [] candidates,
		@Nullable EnsembleOptions ensemble, EnsembleSelector.@Nullable Grid grid) {

	static final Set<String> OPTIONS = Set.of("preset", "clusters", "restarts", "seed", "threads", "max-iterations",
			"tolerance");

	static final String USAGE = """
			  --preset ensemble|mixture|classic
			                            the mixture ensemble (default), one tuned mixture (the
			                            default before the ensemble) or classic EM of design.md 1.1
			  --clusters auto|K         auto (default): K chosen on a validation split of the
			                            training ratings (the ensemble: every part's K, restarts and
			                            variance scale); K: fixed (the ensemble's user mixture)
			  --restarts R              mixture, classic: best of R (default 1); ensemble: at most R
			                            per part when auto, exactly R with a fixed K
			  --seed S                  master seed (default 0)
			  --threads T               worker threads; results do not depend on it (default: cores)
			  --max-iterations N        E-step limit per restart (preset defaults: ensemble 100,
			                            mixture 200, classic 1000)
			  --tolerance T             relative objective tolerance (mixture and classic, 1e-6)
			""";

	/** K of a single mixture whose K is chosen by data, until chosen. */
	private static final int MIXTURE_START = 16;

	/**
	 * @param line parsed options
	 * @return validated settings
	 */
	static FitSettings of(CommandOptions line) {
		String preset = line.choice("preset", "ensemble", "ensemble", "mixture", "classic");
		String clusters = line.has("clusters") ? line.required("clusters") : "auto";
		Integer k = clusters.equalsIgnoreCase("auto") ? null : line.intValue("clusters", 1, 1);
		int threads = line.intValue("threads", Runtime.getRuntime().availableProcessors(), 1);
		long seed = line.longValue("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
		Integer restarts = line.has("restarts") ? line.intValue("restarts", 1, 1) : null;
		Integer iterations = line.has("max-iterations") ? line.intValue("max-iterations", 1, 1) : null;
		if (preset.equals("ensemble")) {
			if (line.has("tolerance")) {
				throw new UsageException("--tolerance applies to the mixture and classic presets");
			}
			return ensemble(k, restarts, iterations, seed, threads);
		}
		EmOptions base = preset.equals("classic") ? EmOptions.classic((k != null) ? k : MIXTURE_START)
				: EmOptions.defaults((k != null) ? k : MIXTURE_START);
		EmOptions options = base.toBuilder()
			.restarts((restarts != null) ? restarts : 1)
			.seed(seed)
			.threads(threads)
			.maxIterations((iterations != null) ? iterations : base.maxIterations())
			.relativeTolerance(line.doubleValue("tolerance", base.relativeTolerance(), 0))
			.build();
		return new FitSettings(preset, options, (k != null) ? null : new int[] { 8, 16, 32 }, null, null);
	}

	private static FitSettings ensemble(@Nullable Integer k, @Nullable Integer restarts, @Nullable Integer iterations,
			long seed, int threads) {
		EnsembleSetup setup = EnsembleSetup.of(k, restarts, iterations, seed, threads);
		return new FitSettings("ensemble", null, null, setup.options(), setup.grid());
	}

	/**
	 * @return whether K is chosen by data
	 */
	boolean auto() {
		return this.candidates != null || this.grid != null;
	}

	/**
	 * Fits, choosing K first where asked; prints the choice.
	 * @param train the training ratings
	 * @param kernels the sums the fits run
	 * @param out where the choice is described
	 * @return the fitted model and its provenance
	 */
	Fitted fit(RatingMatrix train, Kernels kernels, PrintStream out) {
		long started = System.nanoTime();
		if (this.ensemble != null) {
			EnsembleOptions options = this.ensemble;
			EnsembleSelector.Selection selection = null;
			if (this.grid != null) {
				selection = new EnsembleSelector(options, this.grid, EnsembleSelector.Validation.defaults())
					.kernels(kernels)
					.select(train);
				options = selection.options();
				print(selection, out);
			}
			EnsembleFit fit = new EnsembleFitter(options).kernels(kernels).fit(train);
			return new Fitted(fit.model(), options, null, fit, selection, System.nanoTime() - started);
		}
		EmOptions options = Objects.requireNonNull(this.mixture, "no mixture options");
		FitResult fit;
		if (this.candidates != null) {
			ClusterCountSelector.Selection selection = new ClusterCountSelector(options,
					ClusterCountSelector.Criterion.HELD_OUT, 0.1)
				.kernels(kernels)
				.select(train, this.candidates);
			for (ClusterCountSelector.Candidate c : selection.candidates()) {
				out.printf(Locale.ROOT, "  K=%d: held-out RMSE %.4f%s%n", c.clusters(), c.score(),
						(c.clusters() == selection.clusters()) ? "  (chosen)" : "");
			}
			fit = selection.fit();
		}
		else {
			fit = new MixtureFitter(options).kernels(kernels).fit(train);
		}
		return new Fitted(fit.model(), null, fit, null, null, System.nanoTime() - started);
	}

	private static void print(EnsembleSelector.Selection selection, PrintStream out) {
		out.printf(Locale.ROOT, "selection on %d ratings, validated on %d (%.1f s):%n", selection.fittedRatings(),
				selection.validationRatings(), selection.elapsedNanos() / 1e9);
		for (EnsembleSelector.Candidate c : selection.candidates()) {
			String tempering = Double.isFinite(c.ratingWeight())
					? String.format(Locale.ROOT, " (tempering %.1f)", c.ratingWeight()) : "";
			out.printf(Locale.ROOT, "  %-7s %-8s %3d%-16s: %s %.4f%s%n", c.part().name().toLowerCase(Locale.ROOT),
					c.setting(), c.value(), tempering, c.measure(), c.score(), c.chosen() ? "  (chosen)" : "");
		}
		out.printf(Locale.ROOT, "  variance scale %.3f%n", selection.varianceScale());
	}

	/**
	 * A fit with what produced it.
	 *
	 * @param model the model
	 * @param ensembleOptions the ensemble's final options, or null
	 * @param mixtureFit the single mixture's fit, or null
	 * @param ensembleFit the ensemble's fit, or null
	 * @param selection the ensemble's selection, or null
	 * @param elapsedNanos selection and fit
	 */
	record Fitted(FittedModel model, @Nullable EnsembleOptions ensembleOptions, @Nullable FitResult mixtureFit,
			@Nullable EnsembleFit ensembleFit, EnsembleSelector.@Nullable Selection selection, long elapsedNanos) {

		/**
		 * @return a one-line description of what was fitted
		 */
		String describe() {
			if (this.ensembleOptions != null) {
				EnsembleOptions o = this.ensembleOptions;
				return String.format(Locale.ROOT,
						"user mixture K=%d x %d (tempering %.1f), item mixture K=%d x %d (tempering %.1f), aspects K=%d x %d, "
								+ "variance scale %.3f",
						o.users().clusters(), o.users().restarts(), o.users().ratingWeight(), o.items().clusters(),
						o.items().enabled() ? o.items().restarts() : 0, o.items().ratingWeight(),
						o.aspects().clusters(), o.aspects().enabled() ? o.aspects().restarts() : 0, o.varianceScale());
			}
			EmOptions o = mixture().options();
			return String.format(Locale.ROOT, "K=%d, %d restart(s), seed %d", o.clusters(), o.restarts(), o.seed());
		}

		int iterations() {
			return (this.ensembleFit != null) ? this.ensembleFit.totalIterations() : mixture().totalIterations();
		}

		/** The single mixture's fit: set whenever the ensemble's is not. */
		private FitResult mixture() {
			return Objects.requireNonNull(this.mixtureFit);
		}

		boolean converged() {
			return (this.ensembleFit != null) ? this.ensembleFit.converged() : mixture().converged();
		}

	}

}
