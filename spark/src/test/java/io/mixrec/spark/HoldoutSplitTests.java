package io.mixrec.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.mixrec.em.RatingMatrix;
import io.mixrec.em.RatingSplit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark job holds out exactly the pairs the service's refit holds out
 * ({@link RatingSplit#holdOutByKey}) for the same fraction and cap.
 */
class HoldoutSplitTests {

	@Test
	void holdsOutThePairsTheServiceHoldsOut() {
		SplittableRandom random = new SplittableRandom(4);
		long[] userIds = new long[300];
		long[] itemIds = new long[50];
		for (int u = 0; u < userIds.length; u++) {
			userIds[u] = 1000 + 7L * u;
		}
		for (int i = 0; i < itemIds.length; i++) {
			itemIds[i] = 50 + 3L * i;
		}
		RatingMatrix.Builder builder = RatingMatrix.builder();
		List<Row> rows = new ArrayList<>();
		for (int u = 0; u < userIds.length; u++) {
			for (int i = 0; i < itemIds.length; i++) {
				if (random.nextDouble() < 0.3) {
					float rating = 1 + random.nextInt(5);
					builder.add(u, i, rating);
					rows.add(RowFactory.create(userIds[u], itemIds[i], rating));
				}
			}
		}
		RatingMatrix matrix = builder.build(userIds.length, itemIds.length);
		StructType schema = new StructType().add("user_id", DataTypes.LongType)
			.add("item_id", DataTypes.LongType)
			.add("rating", DataTypes.FloatType);
		Dataset<Row> ratings = LocalSpark.session().createDataFrame(rows, schema);

		for (int cap : new int[] { 200_000, 100 }) {
			RatingSplit expected = RatingSplit.holdOutByKey(matrix, userIds, itemIds, 0.1, cap);
			HoldoutSplit actual = HoldoutSplit.of(ratings, 0.1, cap);
			List<String> heldOut = new ArrayList<>();
			for (int u = 0; u < matrix.users(); u++) {
				for (int p = expected.heldOut().start(u); p < expected.heldOut().end(u); p++) {
					heldOut.add(userIds[u] + "/" + itemIds[expected.heldOut().item(p)]);
				}
			}
			assertThat(heldOut).as("cap %d", cap).isNotEmpty();
			assertThat(actual.heldOut()).extracting((r) -> r.getLong(0) + "/" + r.getLong(1))
				.as("cap %d", cap)
				.containsExactlyInAnyOrderElementsOf(heldOut);
			assertThat(actual.train().count()).isEqualTo(expected.train().ratings());
			// the service's gate holds out the same pairs from the probability the
			// version records
			RatingSplit rebuilt = RatingSplit.holdOutByKey(matrix, userIds, itemIds, actual.probability(),
					Integer.MAX_VALUE);
			assertThat(rebuilt.heldOut().ratings()).as("cap %d", cap).isEqualTo(heldOut.size());
		}
	}

}
