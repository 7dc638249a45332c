package io.mixrec.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mixrec.em.FittedModel;
import org.jspecify.annotations.Nullable;

/**
 * The active model as one instance serves it: immutable, swapped as a whole when a newer
 * version becomes active, so a request keeps the snapshot it started with.
 *
 * @param version the model version
 * @param model the engine model, of either kind
 * @param itemKeys {@code items.id} of each model column, kept so that serving can read a
 * user's ratings by key without a second read of the items
 * @param itemIds external id of each model column
 * @param titles title of each model column, null where unknown
 * @param columnOf external item id to model column
 * @param clusterUsers training users per cluster
 * @param activatedAt when the version became active
 * @param holdoutRmse its holdout RMSE, if evaluated
 * @param holdoutNdcg its holdout NDCG@10, if evaluated
 * @param objective its final objective
 * @param bic its BIC
 * @param profiles what characterises each cluster, in cluster order
 */
public record ModelSnapshot(long version, FittedModel model, long[] itemKeys, String[] itemIds,
		@Nullable String[] titles, Map<String, Integer> columnOf, int[] clusterUsers, Instant activatedAt,
		@Nullable Double holdoutRmse, @Nullable Double holdoutNdcg, @Nullable Double objective, @Nullable Double bic,
		List<ClusterProfile> profiles) {

	/** Items listed per cluster in {@link #profiles}. */
	public static final int PROFILE_ITEMS = 10;

	/**
	 * @param itemId an external item id
	 * @return its model column, or -1 when the model does not know it
	 */
	public int column(String itemId) {
		Integer column = this.columnOf.get(itemId);
		return (column != null) ? column : -1;
	}

}
