package io.mixrec.em;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmarks of the EM kernels on a power-law rating matrix. Each benchmark reports
 * the time of one pass over all ratings; divide by {@code ratings x clusters} for ns per
 * rating x cluster (the {@code bench/em-kernels.sh} script prints that).
 *
 * <p>
 * Run: {@code bench/em-kernels.sh} (not part of the test suite).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx4g", "--add-modules", "jdk.incubator.vector" })
public class EmKernelBenchmark {

	@Param({ "2000000" })
	public int ratings;

	@Param({ "20000" })
	public int items;

	@Param({ "32" })
	public int clusters;

	private RatingMatrix matrix;

	private Parameters parameters;

	private ItemColumns columns;

	private double[] posteriors;

	private double[] itemStats;

	private ExecutorService executor;

	private BlockedPass singleThreaded;

	private final Kernels kernels = Kernels.detect();

	private BlockedPass twoThreads;

	@Setup(Level.Trial)
	public void setUp() throws InterruptedException {
		// measure the kernels the engine would take: SIMD ones once C2 has compiled them
		this.kernels.warmUp(Duration.ofSeconds(5));
		this.matrix = powerLaw(this.ratings / 100, this.items, this.ratings, 1);
		this.parameters = new Parameters(this.clusters, this.items, false, 1);
		SplittableRandom random = new SplittableRandom(2);
		for (int j = 0; j < this.clusters; j++) {
			this.parameters.weight[j] = 1.0 / this.clusters;
			this.parameters.variance[j] = 0.5 + random.nextDouble();
		}
		for (int k = 0; k < this.parameters.mean.length; k++) {
			this.parameters.mean[k] = 1 + 4 * random.nextDouble();
		}
		this.parameters.derive();
		this.columns = ItemColumns.of(this.matrix, this.matrix.valueArray(), this.matrix.users());
		this.posteriors = new double[this.matrix.users() * this.clusters];
		for (int q = 0; q < this.posteriors.length; q++) {
			this.posteriors[q] = random.nextDouble();
		}
		this.itemStats = new double[2 * this.items * this.clusters];
		this.executor = Executors.newFixedThreadPool(2);
		int block = PassLayout.defaultBlockUsers(this.matrix.users(), 256);
		PassLayout layout = new PassLayout(this.matrix, this.matrix.valueArray(), block,
				PassLayout.defaultSweepUsers(this.clusters));
		this.singleThreaded = new BlockedPass(layout, this.clusters, this.executor, 1, this.kernels, () -> false);
		this.twoThreads = new BlockedPass(layout, this.clusters, this.executor, 2, this.kernels, () -> false);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.executor.shutdownNow();
	}

	/** E-step only: log joint and log-sum-exp of every user. */
	@Benchmark
	public double eStep() {
		int k = this.clusters;
		double[] distance = new double[k];
		double[] presence = new double[k];
		double[] f = new double[k];
		double total = 0;
		for (int u = 0; u < this.matrix.users(); u++) {
			this.parameters.logJoint(this.kernels, this.matrix.itemArray(), this.matrix.valueArray(),
					this.matrix.start(u), this.matrix.end(u), distance, presence, f);
			total += LogMath.normalizeLog(f, k);
		}
		return total;
	}

	/** M-step statistics only: the item sweep over fixed posteriors. */
	@Benchmark
	public void mStepItemSweep(Blackhole blackhole) {
		int k = this.clusters;
		Arrays.fill(this.itemStats, 0);
		for (int i = 0; i < this.items; i++) {
			this.kernels.weightedSums(this.posteriors, k, this.columns.userArray(), this.columns.valueArray(),
					this.columns.start(i), this.columns.end(i), this.itemStats, 2 * i * k);
		}
		blackhole.consume(this.itemStats);
	}

	/** A whole E-step plus item sweep, one worker thread. */
	@Benchmark
	public double passOneThread() {
		return this.singleThreaded.expectation(this.parameters).logLikelihood;
	}

	/** A whole E-step plus item sweep, two worker threads. */
	@Benchmark
	public double passTwoThreads() {
		return this.twoThreads.expectation(this.parameters).logLikelihood;
	}

	/**
	 * Users with heavy-tailed activity rating items with Zipf(1) popularity.
	 */
	static RatingMatrix powerLaw(int users, int items, int ratings, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] cumulative = new double[items];
		double sum = 0;
		for (int i = 0; i < items; i++) {
			sum += 1.0 / (i + 1);
			cumulative[i] = sum;
		}
		RatingMatrix.Builder builder = RatingMatrix.builder();
		for (int r = 0; r < ratings; r++) {
			int user = (int) Math.min(users - 1, users * Math.pow(random.nextDouble(), 2));
			int item = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
			item = (item < 0) ? -item - 1 : item;
			builder.add(user, Math.min(item, items - 1), 1 + random.nextInt(9) * 0.5f);
		}
		return builder.build(users, items);
	}

}
