package io.mixrec.refit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mixrec.em.ClusterCountSelector;
import io.mixrec.em.EnsembleFit;
import io.mixrec.em.EnsembleFitter;
import io.mixrec.em.EnsembleOptions;
import io.mixrec.em.EnsembleSelector;
import io.mixrec.em.FitResult;
import io.mixrec.em.FittedModel;
import io.mixrec.em.Kernels;
import io.mixrec.em.MixtureFitter;
import io.mixrec.em.MixtureModel;
import io.mixrec.em.RatingMatrix;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The fit phase of a refit: runs a {@link FitRecipe} on the training ratings, choosing K
 * (and for the ensemble the restarts and the variance scale) on a validation split of
 * them when the recipe says so, and reports the iterations of the final fit as the run's
 * progress.
 */
@Component
class ModelFit {

	private final WarmStart warmStart;

	private final Kernels kernels;

	ModelFit(WarmStart warmStart, Kernels kernels) {
		this.warmStart = warmStart;
		this.kernels = kernels;
	}

	/**
	 * @param plan the run
	 * @param progress the run's live state; its trace follows the final fit (for the
	 * ensemble, the first restart of its user mixture)
	 * @param train the training ratings
	 * @param itemKeys {@code items.id} of each column, for warm starts
	 * @return the fitted model with what the version records of its fit
	 */
	Fitted fit(RefitPlan plan, RefitProgress progress, RatingMatrix train, long[] itemKeys) {
		if (plan.recipe() instanceof FitRecipe.Ensemble ensemble) {
			return ensemble(ensemble, progress, train);
		}
		return mixture(plan, (FitRecipe.Mixture) plan.recipe(), progress, train, itemKeys);
	}

	private Fitted ensemble(FitRecipe.Ensemble recipe, RefitProgress progress, RatingMatrix train) {
		EnsembleOptions options = recipe.options();
		Map<String, Object> selection = null;
		if (recipe.grid() != null) {
			progress.phase("select");
			EnsembleSelector.Selection chosen = new EnsembleSelector(options, recipe.grid(), recipe.validation())
				.kernels(this.kernels)
				.cancelWhen(progress::stopRequested)
				.select(train);
			options = chosen.options();
			selection = describe(chosen);
			progress.phase("fit");
		}
		// Live, the trace follows one restart of one part at a time, the next when it
		// ends (RefitProgress); the stored trace is the first user-mixture restart's.
		EnsembleFit fit = new EnsembleFitter(options).kernels(this.kernels)
			.listener((part, restart, iteration, objective, elapsed) -> progress.iteration(iteration, objective,
					part.name().toLowerCase(Locale.ROOT) + ", restart " + (restart + 1)))
			.cancelWhen(progress::stopRequested)
			.fit(train);
		EnsembleFitter.PartFit first = fit.parts().get(0);
		double objective = first.trace()[first.iterations() - 1];
		return new Fitted(fit.model(), fit.clusterUsers(), fit.totalIterations(), first.trace(), fit.converged(),
				objective, objective, Double.NaN, selection);
	}

	private Fitted mixture(RefitPlan plan, FitRecipe.Mixture recipe, RefitProgress progress, RatingMatrix train,
			long[] itemKeys) {
		FitResult fit;
		Map<String, Object> selection = null;
		if (recipe.candidates() != null) {
			progress.phase("select");
			ClusterCountSelector.Selection chosen = new ClusterCountSelector(recipe.options(),
					ClusterCountSelector.Criterion.HELD_OUT, 0.1)
				.kernels(this.kernels)
				.listener((restart, iteration, objective, elapsed) -> progress.iteration(iteration, objective,
						"a candidate K, restart " + (restart + 1)))
				.cancelWhen(progress::stopRequested)
				.select(train, recipe.candidates());
			fit = chosen.fit();
			selection = describe(chosen);
			progress.phase("fit");
		}
		else {
			MixtureFitter fitter = new MixtureFitter(recipe.options()).kernels(this.kernels)
				.listener((restart, iteration, objective, elapsed) -> progress.iteration(iteration, objective,
						"restart " + (restart + 1)))
				.cancelWhen(progress::stopRequested);
			Optional<MixtureModel> initial = (plan.warmStartVersion() != null)
					? this.warmStart.initial(plan.warmStartVersion(), itemKeys, recipe.options()) : Optional.empty();
			progress.initialisation(initial.isPresent() ? "warm" : "cold");
			fit = initial.isPresent() ? fitter.fit(train, initial.get()) : fitter.fit(train);
		}
		return new Fitted(fit.model(), fit.clusterUsers(), fit.totalIterations(), fit.objectiveTrace(), fit.converged(),
				fit.objective(), fit.logLikelihood(), fit.bic(), selection);
	}

	private static Map<String, Object> describe(EnsembleSelector.Selection selection) {
		EnsembleOptions o = selection.options();
		Map<String, Object> chosen = new LinkedHashMap<>();
		chosen.put("users", Map.of("clusters", o.users().clusters(), "restarts", o.users().restarts(), "ratingWeight",
				o.users().ratingWeight()));
		chosen.put("items", Map.of("clusters", o.items().clusters(), "restarts", o.items().restarts(), "ratingWeight",
				o.items().ratingWeight()));
		chosen.put("aspects", Map.of("clusters", o.aspects().clusters(), "restarts", o.aspects().restarts()));
		chosen.put("varianceScale", o.varianceScale());
		List<Map<String, Object>> candidates = new ArrayList<>();
		for (EnsembleSelector.Candidate c : selection.candidates()) {
			Map<String, Object> candidate = new LinkedHashMap<>();
			candidate.put("part", c.part().name().toLowerCase(Locale.ROOT));
			candidate.put("setting", c.setting());
			candidate.put("value", c.value());
			if (Double.isFinite(c.ratingWeight())) {
				candidate.put("ratingWeight", c.ratingWeight());
			}
			candidate.put("measure", c.measure());
			candidate.put("score", c.score());
			candidate.put("chosen", c.chosen());
			candidates.add(candidate);
		}
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("criterion", "validation split of the training ratings");
		all.put("fittedRatings", selection.fittedRatings());
		all.put("validationRatings", selection.validationRatings());
		all.put("chosen", chosen);
		all.put("validation",
				Map.of("rmse", selection.validationRmse(), "ndcgAt10", finite(selection.validationNdcg())));
		all.put("candidates", candidates);
		all.put("seconds", selection.elapsedNanos() / 1e9);
		return all;
	}

	private static Map<String, Object> describe(ClusterCountSelector.Selection selection) {
		List<Map<String, Object>> candidates = new ArrayList<>();
		for (ClusterCountSelector.Candidate c : selection.candidates()) {
			candidates.add(Map.of("part", "users", "setting", "clusters", "value", c.clusters(), "measure", "rmse",
					"score", c.score(), "chosen", c.clusters() == selection.clusters()));
		}
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("criterion", "held-out RMSE on a 10 % split of the training ratings");
		all.put("chosen", Map.of("users", Map.of("clusters", selection.clusters())));
		all.put("candidates", candidates);
		return all;
	}

	private static @Nullable Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

	/**
	 * A fitted model and what its version records of the fit.
	 *
	 * @param model the model
	 * @param clusterUsers training users per most probable cluster
	 * @param iterations E-steps over every restart (and, for the ensemble, every part)
	 * @param trace the objective per E-step of the final fit (the ensemble: its first
	 * user-mixture restart)
	 * @param converged whether every restart met its tolerance
	 * @param objective the last objective of the trace
	 * @param logLikelihood the log-likelihood without priors (the ensemble: the
	 * objective)
	 * @param bic BIC, NaN where it has no meaning (the ensemble)
	 * @param selection how K was chosen, or null for a fixed K
	 */
	record Fitted(FittedModel model, int[] clusterUsers, int iterations, double[] trace, boolean converged,
			double objective, double logLikelihood, double bic, @Nullable Map<String, Object> selection) {
	}

}
