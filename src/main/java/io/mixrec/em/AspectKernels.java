package io.mixrec.em;

/**
 * The aspect model's per-user sums, written so that the JIT keeps eight clusters'
 * operands in registers across a user's ratings instead of storing and reloading them per
 * rating (the loops over K alone are too short for the JIT to vectorise). Each sum still
 * runs over the ratings in order, so the results are those of the plain loops.
 */
final class AspectKernels {

	private AspectKernels() {
	}

	/** {@code out_z = sum_p table[item_p * K + z] w_{p - from}}. */
	static void weightedRowSums(double[] table, int k, int[] item, int from, int to, double[] w, double[] out) {
		int z = 0;
		for (; z + 8 <= k; z += 8) {
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
			for (int p = from; p < to; p++) {
				double x = w[p - from];
				int b = item[p] * k + z;
				s0 += table[b] * x;
				s1 += table[b + 1] * x;
				s2 += table[b + 2] * x;
				s3 += table[b + 3] * x;
				s4 += table[b + 4] * x;
				s5 += table[b + 5] * x;
				s6 += table[b + 6] * x;
				s7 += table[b + 7] * x;
			}
			out[z] = s0;
			out[z + 1] = s1;
			out[z + 2] = s2;
			out[z + 3] = s3;
			out[z + 4] = s4;
			out[z + 5] = s5;
			out[z + 6] = s6;
			out[z + 7] = s7;
		}
		for (; z < k; z++) {
			double s = 0;
			for (int p = from; p < to; p++) {
				s += table[item[p] * k + z] * w[p - from];
			}
			out[z] = s;
		}
	}

	/** {@code out[item_p * K + z] += row[at + z] w_{p - from}} for every rating p. */
	static void scatter(double[] row, int at, int k, int[] item, int from, int to, double[] w, double[] out) {
		int z = 0;
		for (; z + 8 <= k; z += 8) {
			double r0 = row[at + z], r1 = row[at + z + 1], r2 = row[at + z + 2], r3 = row[at + z + 3];
			double r4 = row[at + z + 4], r5 = row[at + z + 5], r6 = row[at + z + 6], r7 = row[at + z + 7];
			for (int p = from; p < to; p++) {
				double x = w[p - from];
				int b = item[p] * k + z;
				out[b] += r0 * x;
				out[b + 1] += r1 * x;
				out[b + 2] += r2 * x;
				out[b + 3] += r3 * x;
				out[b + 4] += r4 * x;
				out[b + 5] += r5 * x;
				out[b + 6] += r6 * x;
				out[b + 7] += r7 * x;
			}
		}
		for (; z < k; z++) {
			double r = row[at + z];
			for (int p = from; p < to; p++) {
				out[item[p] * k + z] += r * w[p - from];
			}
		}
	}

}
