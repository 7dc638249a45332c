package io.mixrec.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.mixrec.em.DistributedEm;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import static org.apache.spark.sql.functions.col;

/**
 * The ratings as cached {@link UserPart}s: users numbered 0..n-1 in the order of their
 * ids, items 0..d-1 likewise (the model's column order). The rows are range-partitioned
 * by user id and sorted within each partition (Spark SQL's shuffle, no per-row objects),
 * so every partition holds consecutive users; a count of each partition's users gives its
 * first user's number.
 *
 * @param parts one part per non-empty partition, cached
 * @param itemIds {@code items.id} of every column
 * @param users n
 * @param ratings ratings read
 * @param partUsers users per part asked for (range partitioning makes them about that)
 */
record UserParts(JavaRDD<UserPart> parts, long[] itemIds, int users, long ratings, int partUsers) {

	static UserParts of(Dataset<Row> input, int requestedPartUsers) {
		Dataset<Row> ratings = input.persist(StorageLevel.MEMORY_AND_DISK());
		try {
			List<Long> items = ratings.select("item_id").distinct().sort("item_id").as(Encoders.LONG()).collectAsList();
			long[] itemIds = items.stream().mapToLong(Long::longValue).toArray();
			long userCount = ratings.select("user_id").distinct().count();
			if (userCount == 0) {
				throw new IllegalStateException("there are no ratings to fit");
			}
			int users = Math.toIntExact(userCount);
			int partUsers = (requestedPartUsers > 0) ? requestedPartUsers : DistributedEm.blockUsers(users);
			int partitions = (users + partUsers - 1) / partUsers;
			JavaRDD<Row> rows = ratings.repartitionByRange(partitions, col("user_id"))
				.sortWithinPartitions("user_id", "item_id")
				.javaRDD();
			List<Tuple2<Integer, Integer>> counts = new ArrayList<>(rows
				.mapPartitionsWithIndex((index, it) -> List.of(new Tuple2<>(index, distinctUsers(it))).iterator(), true)
				.collect());
			counts.sort((a, b) -> Integer.compare(a._1(), b._1()));
			int[] firstUser = new int[counts.size()];
			for (int p = 1; p < firstUser.length; p++) {
				firstUser[p] = firstUser[p - 1] + counts.get(p - 1)._2();
			}
			JavaSparkContext context = JavaSparkContext.fromSparkContext(ratings.sparkSession().sparkContext());
			Broadcast<long[]> columns = context.broadcast(itemIds);
			JavaRDD<UserPart> parts = rows
				.mapPartitionsWithIndex((index, it) -> part(it, firstUser[index], columns.value()), true)
				.persist(StorageLevel.MEMORY_ONLY());
			long total = parts.map((p) -> (long) p.matrix().ratings()).fold(0L, Long::sum);
			return new UserParts(parts, itemIds, users, total, partUsers);
		}
		finally {
			ratings.unpersist(false);
		}
	}

	private static int distinctUsers(Iterator<Row> rows) {
		int users = 0;
		long previous = 0;
		while (rows.hasNext()) {
			long user = rows.next().getLong(0);
			if (users == 0 || user != previous) {
				users++;
				previous = user;
			}
		}
		return users;
	}

	/**
	 * The sorted rows of one partition as a part; a (user, item) pair rated twice is
	 * refused.
	 */
	private static Iterator<UserPart> part(Iterator<Row> rows, int firstUser, long[] itemIds) {
		int[] rowStart = new int[16];
		int[] item = new int[1024];
		float[] value = new float[1024];
		int users = 0;
		int n = 0;
		long previousUser = 0;
		long previousItem = 0;
		while (rows.hasNext()) {
			Row r = rows.next();
			long user = r.getLong(0);
			long itemId = r.getLong(1);
			if (users == 0 || user != previousUser) {
				if (users + 1 >= rowStart.length) {
					rowStart = Arrays.copyOf(rowStart, 2 * rowStart.length);
				}
				rowStart[users++] = n;
				previousUser = user;
			}
			else if (itemId == previousItem) {
				throw new IllegalArgumentException("user " + user + " rated item " + itemId + " more than once");
			}
			previousItem = itemId;
			if (n == item.length) {
				item = Arrays.copyOf(item, 2 * n);
				value = Arrays.copyOf(value, 2 * n);
			}
			item[n] = Arrays.binarySearch(itemIds, itemId);
			value[n++] = r.getFloat(2);
		}
		if (users == 0) {
			return Collections.emptyIterator();
		}
		rowStart[users] = n;
		return List
			.of(new UserPart(firstUser, itemIds.length, Arrays.copyOf(rowStart, users + 1), Arrays.copyOf(item, n),
					Arrays.copyOf(value, n)))
			.iterator();
	}

}
