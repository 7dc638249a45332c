package io.mixrec.spark;

import java.io.Serializable;

import io.mixrec.em.DistributedEnsemble;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Per-part state kept between the steps of an iteration (the aspect model's theta) as an
 * RDD of (part, last step) pairs: each step maps the current RDD to a new one, cached and
 * locally checkpointed so its lineage does not grow with the iterations; the step before
 * is dropped when the new one becomes current. A lost executor loses the checkpointed
 * state, and with it the fit.
 *
 * @param <S> the state
 */
final class SparkState<S extends Serializable> implements DistributedEnsemble.Stateful<S> {

	private JavaRDD<Tuple2<UserPart, DistributedEnsemble.Step<S>>> current;

	private JavaRDD<Tuple2<UserPart, DistributedEnsemble.Step<S>>> pending;

	SparkState(JavaRDD<UserPart> parts, DistributedEnsemble.PartFunction<S> initial) {
		this.current = kept(parts.map((p) -> new Tuple2<>(p,
				new DistributedEnsemble.Step<>(initial.apply(p.matrix(), p.firstUser()), new double[0]))));
	}

	@Override
	public double[] step(DistributedEnsemble.StepFunction<S> step) {
		if (this.pending != null) {
			this.pending.unpersist(false);
		}
		this.pending = kept(this.current
			.map((t) -> new Tuple2<>(t._1(), step.apply(t._1().matrix(), t._1().firstUser(), t._2().state()))));
		return this.pending.map((t) -> t._2().sums()).treeReduce(SparkRows::add);
	}

	@Override
	public void advance() {
		this.current.unpersist(false);
		this.current = this.pending;
		this.pending = null;
	}

	@Override
	public void close() {
		this.current.unpersist(false);
		if (this.pending != null) {
			this.pending.unpersist(false);
		}
	}

	private static <T> JavaRDD<T> kept(JavaRDD<T> rdd) {
		rdd.persist(StorageLevel.MEMORY_AND_DISK());
		rdd.rdd().localCheckpoint();
		return rdd;
	}

}
