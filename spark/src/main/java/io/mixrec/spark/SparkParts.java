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

	private final UserParts parts;

	private final int clusters;

	private final int depth;

	private final LongAccumulator taskNanos;

	private final Costs costs = new Costs();

	SparkParts(JavaSparkContext context, UserParts parts, int clusters) {
		this.context = context;
		this.parts = parts;
		this.clusters = clusters;
		int partitions = parts.parts().getNumPartitions();
		// a two-level tree once there are more partitions than a driver should merge
		this.depth = (partitions > 64) ? 3 : 2;
		this.taskNanos = context.sc().longAccumulator("mixrec.em.task.nanos");
	}

	@Override
	public DistributedEm.Statistics expectation(DistributedEm.State state) {
		long started = System.nanoTime();
		Broadcast<DistributedEm.State> shared = this.context.broadcast(state);
		long broadcast = System.nanoTime();
		int k = this.clusters;
		int items = this.parts.itemIds().length;
		LongAccumulator compute = this.taskNanos;
		long before = compute.value();
		JavaRDD<DistributedEm.Statistics> statistics = this.parts.parts().map((part) -> {
			long t = System.nanoTime();
			DistributedEm.Statistics s = DistributedEm.expectation(shared.value(), part.matrix());
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
		int items = this.parts.itemIds().length;
		int blockUsers = DistributedEm.blockUsers(this.parts.users());
		return this.parts.parts()
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

		private int steps;

		private long broadcastNanos;

		private long jobNanos;

		private long computeNanos;

		synchronized void add(long broadcast, long job, long compute) {
			this.steps++;
			this.broadcastNanos += broadcast;
			this.jobNanos += job;
			this.computeNanos += compute;
		}

		synchronized int steps() {
			return this.steps;
		}

		synchronized String describe(int cores) {
			if (this.steps == 0) {
				return "no E-steps";
			}
			double broadcast = this.broadcastNanos / 1e6 / this.steps;
			double job = this.jobNanos / 1e6 / this.steps;
			double compute = this.computeNanos / 1e6 / this.steps;
			return String.format(java.util.Locale.ROOT,
					"%d E-steps: broadcast %.1f ms, job %.1f ms (E-step in tasks %.1f ms CPU, %.1f ms on %d cores; "
							+ "overhead %.1f ms)",
					this.steps, broadcast, job, compute, compute / cores, cores, job - compute / cores);
		}

	}

}
