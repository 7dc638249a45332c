package io.mixrec.spark;

import java.io.Serializable;
import java.util.List;

import io.mixrec.em.DistributedEm;
import io.mixrec.em.DistributedEnsemble;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Cached parts of consecutive rows (users, or items for the item mixture) as the engine's
 * {@link DistributedEnsemble.Rows}: every request is one Spark job over the parts, whose
 * results come back in partition order ({@code collect}) or merged by {@code treeReduce}.
 *
 * @param context the context
 * @param parts the cached parts
 * @param columns the rows' columns
 * @param rows rows in all parts
 * @param jobs every mixture restart's E-steps, kept for their costs
 */
record SparkRows(JavaSparkContext context, JavaRDD<UserPart> parts, int columns, int rows,
		List<SparkParts> jobs) implements DistributedEnsemble.Rows {

	@Override
	public <T extends Serializable> List<T> collect(DistributedEnsemble.PartFunction<T> function) {
		return this.parts.map((p) -> function.apply(p.matrix(), p.firstUser())).collect();
	}

	@Override
	public double[] sum(DistributedEnsemble.PartFunction<double[]> function) {
		return this.parts.map((p) -> function.apply(p.matrix(), p.firstUser())).treeReduce(SparkRows::add);
	}

	@Override
	public DistributedEm.Parts mixture(int clusters) {
		SparkParts job = new SparkParts(this.context, this.parts, this.columns, this.rows, clusters);
		synchronized (this.jobs) {
			this.jobs.add(job);
		}
		return job;
	}

	@Override
	public <S extends Serializable> DistributedEnsemble.Stateful<S> stateful(
			DistributedEnsemble.PartFunction<S> initial) {
		return new SparkState<>(this.parts, initial);
	}

	/** Adds b into a, element by element. */
	static double[] add(double[] a, double[] b) {
		for (int i = 0; i < a.length; i++) {
			a[i] += b[i];
		}
		return a;
	}

}
