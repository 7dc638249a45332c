package io.mixrec.spark;

import io.mixrec.em.DistributedEm;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * The E-step as one Spark job per iteration: the parameters broadcast, every cached part
 * computes its statistics with the engine ({@link DistributedEm#expectation}), and
 * {@code treeAggregate} merges them. Keeps where the time goes ({@link Costs}).
 */
final class SparkParts implements DistributedEm.Parts {

	private final JavaSparkContext context;

	private final JavaRDD<UserPart> parts;

	private final int columns;

	private final int rows;

	private final int clusters;

	private final int depth;

	private final LongAccumulator taskNanos;

	private final Costs costs = new Costs();

	SparkParts(JavaSparkContext context, UserParts parts, int clusters) {
		this(context, parts.parts(), parts.itemIds().length, parts.users(), clusters);
	}

	/**
	 * @param context the context
	 * @param parts cached parts of consecutive rows
	 * @param columns the rows' columns
	 * @param rows rows in all parts
	 * @param clusters K
	 */
	SparkParts(JavaSparkContext context, JavaRDD<UserPart> parts, int columns, int rows, int clusters) {
		this.context = context;
		this.parts = parts;
		this.columns = columns;
		this.rows = rows;
		this.clusters = clusters;
		int partitions = parts.getNumPartitions();
		// the driver merges a few dozen results itself; beyond, executors merge first
		this.depth = (partitions <= 32) ? 1 : (partitions <= 1024) ? 2 : 3;
		this.taskNanos = context.sc().longAccumulator("mixrec.em.task.nanos");
	}

	@Override
	public DistributedEm.Statistics expectation(DistributedEm.State state) {
		long started = System.nanoTime();
		Broadcast<DistributedEm.State> shared = this.context.broadcast(state);
		long broadcast = System.nanoTime();
		int k = this.clusters;
		int items = this.columns;
		LongAccumulator compute = this.taskNanos;
		long before = compute.value();
		JavaRDD<DistributedEm.Statistics> statistics = this.parts.map((part) -> {
			long t = System.nanoTime();
			DistributedEm.Statistics s = DistributedEm.expectation(shared.value(), part.pass(k));
			compute.add(System.nanoTime() - t);
			return s;
		});
		DistributedEm.Statistics total = statistics.treeAggregate(DistributedEm.Statistics.empty(k, items),
				DistributedEm.Statistics::merge, DistributedEm.Statistics::merge, this.depth);
		long done = System.nanoTime();
		shared.destroy(false);
		this.costs.add(broadcast - started, done - broadcast, compute.value() - before);
		return total;
	}

	@Override
	public DistributedEm.Statistics randomPosteriors(long restartSeed) {
		int k = this.clusters;
		int items = this.columns;
		int blockUsers = DistributedEm.blockUsers(this.rows);
		return this.parts
			.map((part) -> DistributedEm.randomPosteriors(k, part.matrix(), part.firstUser(), blockUsers, restartSeed))
			.treeAggregate(DistributedEm.Statistics.empty(k, items), DistributedEm.Statistics::merge,
					DistributedEm.Statistics::merge, this.depth);
	}

	Costs costs() {
		return this.costs;
	}

	/**
	 * Per E-step: the driver's broadcast (serialising the parameters), the job's wall
	 * time, and the E-step proper summed over tasks (excluding deserialisation, result
	 * serialisation, the merge and scheduling).
	 */
	static final class Costs {

		private final java.util.List<long[]> steps = new java.util.ArrayList<>();

		synchronized void add(long broadcast, long job, long compute) {
			this.steps.add(new long[] { broadcast, job, compute });
		}

		synchronized int steps() {
			return this.steps.size();
		}

		/**
		 * @param cores the executors' cores
		 * @return the first E-step (JIT warm-up) and the median of the others
		 */
		synchronized String describe(int cores) {
			if (this.steps.isEmpty()) {
				return "no E-steps";
			}
			StringBuilder text = new StringBuilder().append(this.steps.size()).append(" E-steps; first: ");
			text.append(describe(this.steps.get(0), cores));
			if (this.steps.size() > 1) {
				java.util.List<long[]> rest = new java.util.ArrayList<>(this.steps.subList(1, this.steps.size()));
				rest.sort(java.util.Comparator.comparingLong((long[] s) -> s[1]));
				text.append("; median of the others: ").append(describe(rest.get(rest.size() / 2), cores));
			}
			return text.toString();
		}

		private static String describe(long[] step, int cores) {
			double broadcast = step[0] / 1e6;
			double job = step[1] / 1e6;
			double compute = step[2] / 1e6;
			return String.format(java.util.Locale.ROOT,
					"broadcast %.1f ms, job %.1f ms (E-step in tasks %.1f ms CPU = %.1f ms on %d cores; "
							+ "rest of the job %.1f ms)",
					broadcast, job, compute, compute / cores, cores, job - compute / cores);
		}

	}

}
