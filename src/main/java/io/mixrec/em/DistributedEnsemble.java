package io.mixrec.em;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * The mixture ensemble of {@link EnsembleFitter} with the ratings split into parts that
 * are computed apart, such as the cached partitions of a Spark job. The driver runs the
 * same steps in the same order with the same random streams; every sum over users (or
 * items) is a sum of the parts' sums, which is the only difference from the in-process
 * fit.
 *
 * <ul>
 * <li>Damped biases: each sweep's item numerators {@code sum_{u in R_i} (r_ui - g - b_u)}
 * are summed per part, with the parts' b_u recomputed from the previous sweep's b_i
 * ({@link Baseline#userBiases}), so no part keeps state between sweeps.</li>
 * <li>Part A, the user mixture, and part B, the item mixture on the transposed residuals:
 * the engine's EM ({@link DistributedEm}) from a k-means++ start
 * ({@link DistributedKMeans}).</li>
 * <li>Part C, the aspect model: {@link DistributedAspects}, theta kept with the users'
 * parts from one iteration to the next ({@link Stateful}).</li>
 * </ul>
 */
public final class DistributedEnsemble {

	private final EnsembleOptions options;

	private EnsembleFitter.PartListener listener = EnsembleFitter.PartListener.NONE;

	/**
	 * @param options the ensemble's options
	 */
	public DistributedEnsemble(EnsembleOptions options) {
		this.options = options;
	}

	/**
	 * @param listener told of every restart's objectives
	 * @return this
	 */
	public DistributedEnsemble listener(EnsembleFitter.PartListener listener) {
		this.listener = listener;
		return this;
	}

	/**
	 * Fits the ensemble.
	 * @param cluster the parts
	 * @param totals the merged {@link DistributedEm#totals} of the user parts' ratings
	 * @return the fit, as {@link EnsembleFitter#fit} reports it
	 */
	public EnsembleFit fit(Cluster cluster, DistributedEm.Totals totals) {
		long started = System.nanoTime();
		EnsembleOptions o = this.options;
		Baseline baseline = biases(cluster.users(), totals, o);
		cluster.useResiduals(baseline.globalMean(), baseline.itemBias(), baseline.userDamping());
		EnsembleFitter.Seeds seeds = new EnsembleFitter.Seeds(o.seed());
		EnsembleFitter.Parts parts = new EnsembleFitter.Parts();
		List<EnsembleFitter.PartFit> fits = new ArrayList<>();
		int @Nullable [] clusterUsers = null;
		Rows users = cluster.users();
		DistributedEm.Totals userTotals = merged(users, totals.itemSum.length);
		for (int r = 0; r < o.users().restarts(); r++) {
			Mixture fit = mixture(users, userTotals, o.users(), EnsembleFitter.Part.USERS, r,
					seeds.of(EnsembleFitter.Part.USERS, r), started);
			parts.users.add(fit.userMixture());
			fits.add(fit.fit());
			clusterUsers = (clusterUsers != null) ? clusterUsers : fit.restart().clusterUsers();
		}
		if (o.items().enabled()) {
			Rows items = cluster.items();
			DistributedEm.Totals itemTotals = merged(items, totals.users());
			for (int r = 0; r < o.items().restarts(); r++) {
				Mixture fit = mixture(items, itemTotals, o.items(), EnsembleFitter.Part.ITEMS, r,
						seeds.of(EnsembleFitter.Part.ITEMS, r), started);
				parts.items.add(new EnsembleModel.ItemMixture(o.items().clusters(), posteriors(items, fit)));
				fits.add(fit.fit());
			}
		}
		for (int r = 0; o.aspects().enabled() && r < o.aspects().restarts(); r++) {
			EnsembleOptions.Aspects part = o.aspects();
			EnsembleFitter.PartListener target = this.listener;
			AspectRun.AspectResult outcome = DistributedAspects.run(users, part, totals, r,
					seeds.of(EnsembleFitter.Part.ASPECTS, r), (restart, iteration, objective, elapsed) -> target
						.onIteration(EnsembleFitter.Part.ASPECTS, restart, iteration, objective, elapsed),
					started);
			parts.aspects.add(new EnsembleModel.AspectMixture(part.clusters(), outcome.phi()));
			fits.add(new EnsembleFitter.PartFit(EnsembleFitter.Part.ASPECTS, part.clusters(), r, outcome.iterations(),
					outcome.converged(), outcome.trace()));
		}
		EnsembleModel model = EnsembleFitter.model(baseline, totals.itemCounts(), o, parts);
		// at least one user restart ran (EnsembleOptions asks for one)
		return new EnsembleFit(model, o, Objects.requireNonNull(clusterUsers), List.copyOf(fits),
				System.nanoTime() - started);
	}

	/**
	 * The damped biases of {@link Baseline#fit}, sweep by sweep over the parts.
	 */
	static Baseline biases(Rows users, DistributedEm.Totals totals, EnsembleOptions o) {
		double g = (totals.ratings > 0) ? totals.valueSum / totals.ratings : 0;
		double userDamping = o.userBiasDamping();
		double itemDamping = o.itemBiasDamping();
		double @Nullable [] bi = null;
		for (int sweep = 0; sweep < o.biasSweeps(); sweep++) {
			double @Nullable [] previous = bi;
			double[] sums = users.sum((part, first) -> itemResiduals(part, g, previous, userDamping));
			bi = new double[sums.length];
			for (int i = 0; i < bi.length; i++) {
				bi[i] = sums[i] / (itemDamping + totals.itemCount[i]);
			}
		}
		return new Baseline(g, (bi != null) ? bi : new double[totals.itemCount.length], userDamping);
	}

	/**
	 * @return one part's numerators of an item-bias sweep, with the part's b_u from
	 * {@code itemBias} (all 0 before the first sweep, when it is null)
	 */
	private static double[] itemResiduals(RatingMatrix part, double g, double @Nullable [] itemBias,
			double userDamping) {
		double[] bu = new double[part.users()];
		if (itemBias != null) {
			Baseline.userBiases(part, g, itemBias, userDamping, bu);
		}
		double[] sums = new double[part.items()];
		Baseline.addItemResiduals(part, g, bu, sums);
		return sums;
	}

	/**
	 * The residuals {@code r_ui - g - b_u - b_i} of a part of the users, b_u from its
	 * ratings as the last bias sweep computes it.
	 * @param part consecutive users of the fit
	 * @param globalMean g
	 * @param itemBias b_i
	 * @param userDamping lambda_u
	 * @return the residual of every position of the part
	 */
	public static float[] residuals(RatingMatrix part, double globalMean, double[] itemBias, double userDamping) {
		double[] bu = new double[part.users()];
		Baseline.userBiases(part, globalMean, itemBias, userDamping, bu);
		return MixtureFitter.residuals(part, new Baseline.Fit(new Baseline(globalMean, itemBias, userDamping), bu));
	}

	/**
	 * The rows' {@link DistributedEm#totals}, summed as one array (users, ratings, value
	 * sum, then per column the sum and the count) so that no driver holds one per part.
	 */
	private static DistributedEm.Totals merged(Rows rows, int columns) {
		double[] sums = rows.sum((part, first) -> {
			DistributedEm.Totals t = DistributedEm.totals(part);
			double[] packed = new double[3 + 2 * columns];
			packed[0] = t.users;
			packed[1] = t.ratings;
			packed[2] = t.valueSum;
			for (int i = 0; i < columns; i++) {
				packed[3 + i] = t.itemSum[i];
				packed[3 + columns + i] = t.itemCount[i];
			}
			return packed;
		});
		DistributedEm.Totals total = DistributedEm.Totals.empty(columns);
		total.users = (int) sums[0];
		total.ratings = (long) sums[1];
		total.valueSum = sums[2];
		for (int i = 0; i < columns; i++) {
			total.itemSum[i] = sums[3 + i];
			total.itemCount[i] = (long) sums[3 + columns + i];
		}
		return total;
	}

	/** One restart of a mixture part on residual rows, from a k-means++ start. */
	private Mixture mixture(Rows rows, DistributedEm.Totals totals, EnsembleOptions.Mixture part,
			EnsembleFitter.Part which, int restart, long seed, long started) {
		EmOptions engine = part.engineOptions(this.options.threads(), seed);
		int columns = totals.itemSum.length;
		double squares = rows.sum((p, first) -> new double[] { DistributedEm.squares(p, new double[p.items()]) })[0];
		EnsembleFitter.PartListener target = this.listener;
		DistributedEm em = new DistributedEm(engine, totals, squares, new double[columns]).listener((r, iteration,
				objective, elapsed) -> target.onIteration(which, r, iteration, objective, System.nanoTime() - started));
		Parameters start = em.placeholder();
		DistributedKMeans.seed(rows, new SplittableRandom(seed), start);
		DistributedEm.Restart outcome = em.restart(restart, seed, rows.mixture(part.clusters()), start);
		EmRun.RestartResult o = outcome.outcome();
		return new Mixture(outcome,
				new EnsembleFitter.PartFit(which, part.clusters(), restart, o.iterations(), o.converged(), o.trace()));
	}

	/**
	 * z_ic of every row under the restart's last parameters, entries below
	 * {@link SufficientStatistics#NEGLIGIBLE} as 0, as {@link BlockedPass} keeps them.
	 */
	private static double[] posteriors(Rows rows, Mixture fit) {
		DistributedEm.State state = new DistributedEm.State(fit.restart().outcome().parameters());
		List<double[]> parts = rows.collect((part, first) -> posteriors(state.parameters, part));
		int length = 0;
		for (double[] p : parts) {
			length += p.length;
		}
		double[] all = new double[length];
		int at = 0;
		for (double[] p : parts) {
			System.arraycopy(p, 0, all, at, p.length);
			at += p.length;
		}
		return all;
	}

	private static double[] posteriors(Parameters parameters, RatingMatrix part) {
		int k = parameters.clusters;
		double[] distance = new double[k];
		double[] presence = new double[k];
		double[] f = new double[k];
		double[] post = new double[Math.multiplyExact(part.users(), k)];
		int[] rowItem = part.itemArray();
		float[] values = part.valueArray();
		for (int u = 0; u < part.users(); u++) {
			parameters.logJoint(Kernels.scalar(), rowItem, values, part.start(u), part.end(u), distance, presence, f);
			LogMath.normalizeLog(f, k);
			for (int j = 0; j < k; j++) {
				post[u * k + j] = (f[j] >= SufficientStatistics.NEGLIGIBLE) ? f[j] : 0;
			}
		}
		return post;
	}

	/**
	 * The parts of the fit: its users, then its items (the transposed residuals).
	 */
	public interface Cluster {

		/**
		 * @return the users' parts: their ratings, or their residuals after
		 * {@link #useResiduals}
		 */
		Rows users();

		/**
		 * Replaces the values of the users' parts by {@link #residuals}.
		 * @param globalMean g
		 * @param itemBias b_i
		 * @param userDamping lambda_u
		 */
		void useResiduals(double globalMean, double[] itemBias, double userDamping);

		/**
		 * @return the transposed residuals as parts of consecutive items, each row over
		 * every user; built on first use, after {@link #useResiduals}
		 */
		Rows items();

	}

	/**
	 * Parts of consecutive rows (users, or items for the item mixture).
	 */
	public interface Rows {

		/**
		 * @param function what to compute on every part
		 * @param <T> its result
		 * @return the result of every part, in row order
		 */
		<T extends Serializable> List<T> collect(PartFunction<T> function);

		/**
		 * @param function what to compute on every part; arrays of one length
		 * @return their sum, element by element
		 */
		double[] sum(PartFunction<double[]> function);

		/**
		 * @param clusters K
		 * @return E-steps over these parts for one restart
		 */
		DistributedEm.Parts mixture(int clusters);

		/**
		 * @param initial every part's first state
		 * @param <S> the state
		 * @return per-part state kept from one step to the next
		 */
		<S extends Serializable> Stateful<S> stateful(PartFunction<S> initial);

	}

	/**
	 * State kept with every part between the steps of an iteration, such as the aspect
	 * model's theta; released on {@link #close}.
	 *
	 * @param <S> the state
	 */
	public interface Stateful<S> extends AutoCloseable {

		/**
		 * Runs a step on every part with its current state; the new states wait for
		 * {@link #advance}.
		 * @param step what every part computes
		 * @return the sum of the parts' {@link Step#sums}, element by element
		 */
		double[] step(StepFunction<S> step);

		/** The states of the last step become the current ones. */
		void advance();

		@Override
		void close();

	}

	/**
	 * A step of a part with its state; shipped to where the part lives.
	 *
	 * @param <S> the state
	 */
	@FunctionalInterface
	public interface StepFunction<S> extends Serializable {

		/**
		 * @param part the part's rows
		 * @param firstRow the fit's index of its first row
		 * @param state the part's current state; not to be changed
		 * @return the part's next state and its sums
		 */
		Step<S> apply(RatingMatrix part, int firstRow, S state);

	}

	/**
	 * What a step of one part returns.
	 *
	 * @param state the part's next state
	 * @param sums what the driver adds over the parts
	 * @param <S> the state
	 */
	public record Step<S>(S state, double[] sums) implements Serializable {
	}

	/**
	 * What one part computes; shipped to where the part lives.
	 *
	 * @param <T> the result
	 */
	@FunctionalInterface
	public interface PartFunction<T> extends Serializable {

		/**
		 * @param part the part's rows over all of the fit's columns
		 * @param firstRow the fit's index of its first row
		 * @return the result
		 */
		T apply(RatingMatrix part, int firstRow);

	}

	private record Mixture(DistributedEm.Restart restart, EnsembleFitter.PartFit fit) {

		EnsembleModel.UserMixture userMixture() {
			Parameters p = this.restart.outcome().parameters();
			int k = p.clusters;
			SufficientStatistics s = Objects.requireNonNull(this.restart.last, "a restart ran an E-step").statistics;
			double[] support = new double[p.mean.length];
			for (int i = 0; i < p.items; i++) {
				for (int j = 0; j < k; j++) {
					support[i * k + j] = s.itemWeight(i, j);
				}
			}
			return new EnsembleModel.UserMixture(p.weight.clone(), p.variance.clone(), p.mean.clone(), support);
		}

	}

}
