package io.mixrec.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.mixrec.em.DistributedEm;
import io.mixrec.em.RatingMatrix;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The ratings as cached {@link UserPart}s: users numbered 0..n-1 in the order of their
 * ids, items 0..d-1 likewise (the model's column order), each partition holding
 * {@code partUsers} consecutive users.
 *
 * @param parts one part per partition, cached
 * @param itemIds {@code items.id} of every column
 * @param users n
 * @param ratings ratings read
 * @param partUsers users per part
 */
record UserParts(JavaRDD<UserPart> parts, long[] itemIds, int users, long ratings, int partUsers) {

	static UserParts of(Dataset<Row> ratings, int requestedPartUsers) {
		List<Long> items = ratings.select("item_id").distinct().sort("item_id").as(Encoders.LONG()).collectAsList();
		long[] itemIds = items.stream().mapToLong(Long::longValue).toArray();
		JavaRDD<Row> rows = ratings.javaRDD();
		JavaPairRDD<Long, Long> userIndex = ratings.select("user_id")
			.distinct()
			.as(Encoders.LONG())
			.javaRDD()
			.sortBy((id) -> id, true, rows.getNumPartitions())
			.zipWithIndex();
		long userCount = userIndex.count();
		if (userCount == 0) {
			throw new IllegalStateException("there are no ratings to fit");
		}
		int users = Math.toIntExact(userCount);
		int partUsers = (requestedPartUsers > 0) ? requestedPartUsers : DistributedEm.blockUsers(users);
		int partitions = (users + partUsers - 1) / partUsers;
		Broadcast<long[]> columns = new org.apache.spark.api.java.JavaSparkContext(
				ratings.sparkSession().sparkContext())
			.broadcast(itemIds);
		int itemCount = itemIds.length;
		JavaPairRDD<Long, Tuple2<Long, Float>> byUserId = rows
			.mapToPair((r) -> new Tuple2<>(r.getLong(0), new Tuple2<>(r.getLong(1), r.getFloat(2))));
		JavaPairRDD<Integer, Tuple2<Integer, Float>> byUser = byUserId.join(userIndex)
			.mapToPair((t) -> new Tuple2<>(Math.toIntExact(t._2()._2()),
					new Tuple2<>(Arrays.binarySearch(columns.value(), t._2()._1()._1()), t._2()._1()._2())));
		JavaRDD<UserPart> parts = byUser.partitionBy(new UserRanges(partUsers, partitions))
			.mapPartitionsWithIndex((index, it) -> part(index, it, partUsers, users, itemCount), true)
			.persist(StorageLevel.MEMORY_ONLY());
		long total = parts.map((p) -> (long) p.matrix().ratings()).reduce(Long::sum);
		return new UserParts(parts, itemIds, users, total, partUsers);
	}

	/**
	 * The users of partition {@code index} as a part; a (user, item) pair rated twice is
	 * refused.
	 */
	private static Iterator<UserPart> part(int index, Iterator<Tuple2<Integer, Tuple2<Integer, Float>>> ratings,
			int partUsers, int users, int items) {
		int first = index * partUsers;
		int count = Math.min(partUsers, users - first);
		if (count <= 0) {
			return Collections.emptyIterator();
		}
		List<Tuple2<Integer, Tuple2<Integer, Float>>> all = new ArrayList<>();
		ratings.forEachRemaining(all::add);
		int n = all.size();
		int[] user = new int[n];
		int[] item = new int[n];
		float[] value = new float[n];
		for (int k = 0; k < n; k++) {
			Tuple2<Integer, Tuple2<Integer, Float>> t = all.get(k);
			user[k] = t._1() - first;
			item[k] = t._2()._1();
			value[k] = t._2()._2();
		}
		RatingMatrix matrix = RatingMatrix.fromUniqueTriples(count, items, user, item, value);
		int[] rowStart = new int[count + 1];
		for (int u = 0; u < count; u++) {
			rowStart[u + 1] = matrix.end(u);
		}
		int[] rowItem = new int[n];
		float[] rowValue = new float[n];
		for (int p = 0; p < n; p++) {
			rowItem[p] = matrix.item(p);
			rowValue[p] = matrix.value(p);
		}
		return List.of(new UserPart(first, items, rowStart, rowItem, rowValue)).iterator();
	}

	/** Users {@code p * partUsers} up to the next part's first user go to partition p. */
	static final class UserRanges extends Partitioner {

		private static final long serialVersionUID = 1L;

		private final int partUsers;

		private final int partitions;

		UserRanges(int partUsers, int partitions) {
			this.partUsers = partUsers;
			this.partitions = partitions;
		}

		@Override
		public int numPartitions() {
			return this.partitions;
		}

		@Override
		public int getPartition(Object key) {
			return (Integer) key / this.partUsers;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof UserRanges ranges && ranges.partUsers == this.partUsers
					&& ranges.partitions == this.partitions;
		}

		@Override
		public int hashCode() {
			return 31 * this.partUsers + this.partitions;
		}

	}

}
