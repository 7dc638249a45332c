package io.mixrec.em;

import org.jspecify.annotations.Nullable;

/**
 * The ensemble as a caller asks for it: the default options with a caller's overrides,
 * and the grid the selector chooses from when K is not fixed.
 *
 * @param options the options; with a grid, K, restarts, tempering and variance scale are
 * chosen by {@link EnsembleSelector}
 * @param grid the candidates, or null when K is fixed
 */
public record EnsembleSetup(EnsembleOptions options, EnsembleSelector.@Nullable Grid grid) {

	/**
	 * @param clusters a fixed K of the user mixture (its other parts keep their default K
	 * and restarts), or null to choose every part's K by data
	 * @param restarts with a fixed K every part's restarts, else their upper bound; null:
	 * the defaults
	 * @param maxIterations every part's iteration limit, or null for the defaults
	 * @param seed master seed
	 * @param threads worker threads
	 * @return the setup
	 */
	public static EnsembleSetup of(@Nullable Integer clusters, @Nullable Integer restarts,
			@Nullable Integer maxIterations, long seed, int threads) {
		EnsembleOptions o = EnsembleOptions.defaults().withThreads(threads).withSeed(seed);
		EnsembleOptions.Mixture users = o.users();
		EnsembleOptions.Mixture items = o.items();
		EnsembleOptions.Aspects aspects = o.aspects();
		if (maxIterations != null) {
			users = users.withMaxIterations(maxIterations);
			items = items.withMaxIterations(maxIterations);
			aspects = aspects.withMaxIterations(maxIterations);
		}
		EnsembleSelector.Grid grid = null;
		if (clusters == null) {
			EnsembleSelector.Grid all = EnsembleSelector.Grid.defaults();
			grid = (restarts == null) ? all : all.withMaxRestarts(restarts);
		}
		else {
			users = users.withClusters(clusters);
			if (restarts != null) {
				users = users.withRestarts(restarts);
				items = items.withRestarts(restarts);
				aspects = aspects.withRestarts(restarts);
			}
		}
		return new EnsembleSetup(o.withUsers(users).withItems(items).withAspects(aspects), grid);
	}

}
