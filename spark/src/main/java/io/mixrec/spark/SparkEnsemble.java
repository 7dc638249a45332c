package io.mixrec.spark;

import java.util.ArrayList;
import java.util.List;

import io.mixrec.em.DistributedEnsemble;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The parts the ensemble is fitted on ({@link DistributedEnsemble.Cluster}): the users'
 * cached parts, replaced by their residuals once the biases are fitted, and the
 * transposed residuals (items as rows over every user) for the item mixture, built by a
 * shuffle of the residuals and numbered like the users ({@link UserParts}).
 */
final class SparkEnsemble implements DistributedEnsemble.Cluster {

	private final SparkSession spark;

	private final JavaSparkContext context;

	private final int items;

	private final int users;

	private final List<SparkParts> jobs = new ArrayList<>();

	private SparkRows userRows;

	private SparkRows itemRows;

	SparkEnsemble(SparkSession spark, UserParts parts) {
		this.spark = spark;
		this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
		this.items = parts.itemIds().length;
		this.users = parts.users();
		this.userRows = new SparkRows(this.context, parts.parts(), this.items, this.users, this.jobs);
	}

	@Override
	public DistributedEnsemble.Rows users() {
		return this.userRows;
	}

	@Override
	public void useResiduals(double globalMean, double[] itemBias, double userDamping) {
		JavaRDD<UserPart> ratings = this.userRows.parts();
		JavaRDD<UserPart> residuals = ratings
			.map((p) -> p.withValues(DistributedEnsemble.residuals(p.matrix(), globalMean, itemBias, userDamping)))
			.persist(StorageLevel.MEMORY_ONLY());
		residuals.count();
		ratings.unpersist(false);
		this.userRows = new SparkRows(this.context, residuals, this.items, this.users, this.jobs);
	}

	@Override
	public DistributedEnsemble.Rows items() {
		if (this.itemRows == null) {
			StructType schema = new StructType().add("user_id", DataTypes.LongType)
				.add("item_id", DataTypes.LongType)
				.add("rating", DataTypes.FloatType);
			// the item is the row, the user the column
			JavaRDD<Row> transposed = this.userRows.parts().flatMap((p) -> {
				List<Row> rows = new ArrayList<>(p.matrix().ratings());
				for (int u = 0; u < p.users(); u++) {
					for (int q = p.matrix().start(u); q < p.matrix().end(u); q++) {
						rows.add(RowFactory.create((long) p.matrix().item(q), (long) (p.firstUser() + u),
								p.matrix().value(q)));
					}
				}
				return rows.iterator();
			});
			Dataset<Row> frame = this.spark.createDataFrame(transposed, schema);
			UserParts parts = UserParts.of(frame, 0);
			if (parts.users() != this.items || parts.itemIds().length != this.users) {
				throw new IllegalStateException("the transposed residuals have " + parts.users() + " rows over "
						+ parts.itemIds().length + " columns, not " + this.items + " over " + this.users);
			}
			this.itemRows = new SparkRows(this.context, parts.parts(), this.users, this.items, this.jobs);
		}
		return this.itemRows;
	}

	/**
	 * @return every mixture restart's E-steps so far
	 */
	List<SparkParts> jobs() {
		synchronized (this.jobs) {
			return List.copyOf(this.jobs);
		}
	}

	/** Drops the cached parts. */
	void release() {
		this.userRows.parts().unpersist(false);
		if (this.itemRows != null) {
			this.itemRows.parts().unpersist(false);
		}
	}

}
