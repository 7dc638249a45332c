package io.mixrec.em;

/**
 * Sums the logarithms of many positive numbers at the cost of a multiplication each: the
 * numbers are multiplied together, and the product's logarithm is taken only when it
 * nears the bottom of the double range (and at the end). The aspect model sums one
 * log-probability per rating and iteration, where a {@code Math.log} per term would cost
 * as much as the rest of the iteration. The result differs from the plain sum of logs
 * only by rounding, and is the same for the same terms in the same order.
 */
final class LogProduct {

	/**
	 * Below this the product takes a logarithm: 2^-500 times a factor above it stays
	 * normal.
	 */
	private static final double FLUSH = 0x1p-500;

	private double product = 1;

	private double logs;

	/**
	 * @param value a number in (0, 1]
	 */
	void add(double value) {
		if (value < FLUSH) {
			this.logs += Math.log(value);
			return;
		}
		this.product *= value;
		if (this.product < FLUSH) {
			this.logs += Math.log(this.product);
			this.product = 1;
		}
	}

	/**
	 * @return the sum of the logarithms of every value added
	 */
	double log() {
		return this.logs + Math.log(this.product);
	}

}
