package io.mixrec.em;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The aspect model's EM: a naive dense oracle, the objective, the distributions it keeps
 * and its independence of the thread count.
 */
class AspectRunTests {

	private static final RatingMatrix DATA = RandomRatings.matrix(120, 40, 0.2, 3, 17);

	private static final EnsembleOptions.Aspects OPTIONS = new EnsembleOptions.Aspects(4, 1, 0.5, 0.01, 60, 5, 0, 50,
			1e-6);

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void matchesTheDenseOracleIterationByIteration() {
		RatingMatrix data = RandomRatings.matrix(15, 9, 0.4, 2, 3);
		int k = 3;
		double[] theta = new double[data.users() * k];
		double[] phi = new double[data.items() * k];
		SplittableRandom random = new SplittableRandom(9);
		for (int u = 0; u < data.users(); u++) {
			normalised(random, theta, u * k, k, 1);
		}
		for (int z = 0; z < k; z++) {
			normalised(random, phi, z, data.items(), k);
		}
		EnsembleOptions.Aspects options = new EnsembleOptions.Aspects(k, 1, 0.7, 0.05, 6, 6, 0, 50, 1e-6);
		Oracle oracle = new Oracle(data, k, theta.clone(), phi.clone(), options);
		AspectRun.AspectResult outcome = run(data, options, 1, 4).iterate(0, theta, phi, FitListener.NONE, 0);
		assertThat(outcome.iterations()).isEqualTo(6);
		for (int t = 0; t < 6; t++) {
			double objective = oracle.objective();
			assertThat(outcome.trace()[t]).as("objective " + t)
				.isCloseTo(objective, within(1e-9 * Math.abs(objective)));
			if (t < 5) {
				oracle.step();
			}
		}
		for (int q = 0; q < outcome.phi().length; q++) {
			assertThat(outcome.phi()[q]).isCloseTo(oracle.phi[q], within(1e-12 * oracle.phi[q]));
		}
		for (int q = 0; q < outcome.theta().length; q++) {
			assertThat(outcome.theta()[q]).isCloseTo(oracle.theta[q], within(1e-12 * oracle.theta[q]));
		}
	}

	@Test
	void objectiveNeverDecreases() {
		AspectRun.AspectResult outcome = run(DATA, OPTIONS, 2, 16).run(0, new SplittableRandom(5), FitListener.NONE, 0);
		double[] trace = outcome.trace();
		assertThat(trace).hasSize(60);
		for (int t = 1; t < trace.length; t++) {
			assertThat(trace[t]).as("objective at iteration " + (t + 1))
				.isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]));
		}
		assertThat(trace[trace.length - 1]).isGreaterThan(trace[0]);
	}

	@Test
	void keepsEveryUserAndAspectADistribution() {
		AspectRun.AspectResult outcome = run(DATA, OPTIONS, 2, 16).run(0, new SplittableRandom(5), FitListener.NONE, 0);
		int k = OPTIONS.clusters();
		for (int u = 0; u < DATA.users(); u++) {
			double sum = 0;
			for (int z = 0; z < k; z++) {
				assertThat(outcome.theta()[u * k + z]).isPositive();
				sum += outcome.theta()[u * k + z];
			}
			assertThat(sum).isCloseTo(1, within(1e-12));
		}
		for (int z = 0; z < k; z++) {
			double sum = 0;
			for (int i = 0; i < DATA.items(); i++) {
				assertThat(outcome.phi()[i * k + z]).isPositive();
				sum += outcome.phi()[i * k + z];
			}
			assertThat(sum).isCloseTo(1, within(1e-12));
		}
	}

	@Test
	void oneThreadAndManyThreadsGiveIdenticalResults() {
		EnsembleOptions.Aspects options = new EnsembleOptions.Aspects(5, 1, 0.5, 0.01, 30, 5, 1e-6, 50, 1e-6);
		AspectRun.AspectResult one = run(DATA, options, 1, 7).run(0, new SplittableRandom(8), FitListener.NONE, 0);
		AspectRun.AspectResult many = run(DATA, options, 3, 7).run(0, new SplittableRandom(8), FitListener.NONE, 0);
		assertThat(many.trace()).isEqualTo(one.trace());
		assertThat(many.phi()).isEqualTo(one.phi());
		assertThat(many.theta()).isEqualTo(one.theta());
	}

	@Test
	void stopsAtTheToleranceButNotBeforeTheMinimum() {
		EnsembleOptions.Aspects loose = new EnsembleOptions.Aspects(4, 1, 0.5, 0.01, 100, 8, 0.5, 50, 1e-6);
		AspectRun.AspectResult outcome = run(DATA, loose, 1, 16).run(0, new SplittableRandom(5), FitListener.NONE, 0);
		assertThat(outcome.iterations()).isEqualTo(8);
		assertThat(outcome.converged()).isTrue();
	}

	private AspectRun run(RatingMatrix data, EnsembleOptions.Aspects options, int threads, int blockUsers) {
		ExecutorService pool = (threads == 1) ? Executors.newSingleThreadExecutor() : this.executor;
		PassLayout layout = new PassLayout(data, data.valueArray(), blockUsers, 5);
		return new AspectRun(layout, options, pool, threads, () -> false);
	}

	private static void normalised(SplittableRandom random, double[] target, int from, int count, int stride) {
		double sum = 0;
		for (int c = 0; c < count; c++) {
			target[from + c * stride] = 0.1 + random.nextDouble();
			sum += target[from + c * stride];
		}
		for (int c = 0; c < count; c++) {
			target[from + c * stride] /= sum;
		}
	}

	/** The EM of {@link AspectRun}'s Javadoc, written on dense arrays. */
	private static final class Oracle {

		private final RatingMatrix data;

		private final int k;

		private final double[] theta;

		private final double[] phi;

		private final EnsembleOptions.Aspects options;

		Oracle(RatingMatrix data, int k, double[] theta, double[] phi, EnsembleOptions.Aspects options) {
			this.data = data;
			this.k = k;
			this.theta = theta;
			this.phi = phi;
			this.options = options;
		}

		double objective() {
			double total = 0;
			for (int u = 0; u < this.data.users(); u++) {
				for (int i = 0; i < this.data.items(); i++) {
					if (!Double.isNaN(this.data.get(u, i))) {
						total += Math.log(probability(u, i));
					}
				}
				for (int z = 0; z < this.k; z++) {
					total += this.options.userSmoothing() * Math.log(this.theta[u * this.k + z]);
				}
			}
			for (double value : this.phi) {
				total += this.options.itemSmoothing() * Math.log(value);
			}
			return total;
		}

		void step() {
			int n = this.data.users();
			int d = this.data.items();
			double[][] userCounts = new double[n][this.k];
			double[][] itemCounts = new double[d][this.k];
			for (int u = 0; u < n; u++) {
				for (int i = 0; i < d; i++) {
					if (Double.isNaN(this.data.get(u, i))) {
						continue;
					}
					double p = probability(u, i);
					for (int z = 0; z < this.k; z++) {
						double q = this.theta[u * this.k + z] * this.phi[i * this.k + z] / p;
						userCounts[u][z] += q;
						itemCounts[i][z] += q;
					}
				}
			}
			double alpha = this.options.userSmoothing();
			double beta = this.options.itemSmoothing();
			for (int u = 0; u < n; u++) {
				for (int z = 0; z < this.k; z++) {
					this.theta[u * this.k + z] = (userCounts[u][z] + alpha) / (this.data.count(u) + this.k * alpha);
				}
			}
			for (int z = 0; z < this.k; z++) {
				double total = 0;
				for (int i = 0; i < d; i++) {
					total += itemCounts[i][z];
				}
				for (int i = 0; i < d; i++) {
					this.phi[i * this.k + z] = (itemCounts[i][z] + beta) / (total + d * beta);
				}
			}
		}

		private double probability(int u, int i) {
			double p = 0;
			for (int z = 0; z < this.k; z++) {
				p += this.theta[u * this.k + z] * this.phi[i * this.k + z];
			}
			return p;
		}

	}

}
