package io.mixrec.spark;

import java.io.Serializable;

import io.mixrec.em.DistributedEm;
import io.mixrec.em.RatingMatrix;

/**
 * Consecutive users of the fit, {@code firstUser} onwards, as the CSR arrays of a
 * {@link RatingMatrix} over all of the fit's items. One per Spark partition, cached on
 * its executor.
 */
final class UserPart implements Serializable {

	private static final long serialVersionUID = 1L;

	private final int firstUser;

	private final int items;

	private final int[] rowStart;

	private final int[] item;

	private final float[] value;

	private transient RatingMatrix matrix;

	private transient DistributedEm.PartPass pass;

	UserPart(int firstUser, int items, int[] rowStart, int[] item, float[] value) {
		this.firstUser = firstUser;
		this.items = items;
		this.rowStart = rowStart;
		this.item = item;
		this.value = value;
	}

	/**
	 * @param values a value for every rating of this part (the residuals)
	 * @return the same rows with these values
	 */
	UserPart withValues(float[] values) {
		return new UserPart(this.firstUser, this.items, this.rowStart, this.item, values);
	}

	int firstUser() {
		return this.firstUser;
	}

	int users() {
		return this.rowStart.length - 1;
	}

	/**
	 * @return the part as a matrix, checked once per executor that holds it
	 */
	synchronized RatingMatrix matrix() {
		if (this.matrix == null) {
			this.matrix = RatingMatrix.of(this.items, this.rowStart, this.item, this.value);
		}
		return this.matrix;
	}

	/**
	 * @param clusters K, the same for every call on one part
	 * @return the engine's layout of the part, built once per executor that holds it
	 */
	synchronized DistributedEm.PartPass pass(int clusters) {
		if (this.pass == null) {
			this.pass = new DistributedEm.PartPass(matrix(), clusters);
		}
		return this.pass;
	}

}
