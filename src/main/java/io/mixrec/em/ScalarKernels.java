package io.mixrec.em;

/**
 * The E-step's per-user sums in plain Java, from cluster {@code first} on (the SIMD path
 * hands its remainder here).
 */
final class ScalarKernels {

	private ScalarKernels() {
	}

	/**
	 * {@code out_j = sum_p (x_p - mu[item_p * K + j])^2}. Clusters are taken eight at a
	 * time with the sums in local variables, so the accumulators live in registers
	 * instead of being stored and reloaded for every rating, as one loop over j per
	 * rating would (bench/README). Each sum still runs over the ratings in order, so
	 * results do not change.
	 */
	static void squaredDistances(double[] mu, int k, int first, int[] item, float[] value, int from, int to,
			double[] out) {
		int j = first;
		for (; j + 8 <= k; j += 8) {
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
			for (int p = from; p < to; p++) {
				double x = value[p];
				int b = item[p] * k + j;
				double d0 = x - mu[b];
				double d1 = x - mu[b + 1];
				double d2 = x - mu[b + 2];
				double d3 = x - mu[b + 3];
				double d4 = x - mu[b + 4];
				double d5 = x - mu[b + 5];
				double d6 = x - mu[b + 6];
				double d7 = x - mu[b + 7];
				s0 += d0 * d0;
				s1 += d1 * d1;
				s2 += d2 * d2;
				s3 += d3 * d3;
				s4 += d4 * d4;
				s5 += d5 * d5;
				s6 += d6 * d6;
				s7 += d7 * d7;
			}
			out[j] = s0;
			out[j + 1] = s1;
			out[j + 2] = s2;
			out[j + 3] = s3;
			out[j + 4] = s4;
			out[j + 5] = s5;
			out[j + 6] = s6;
			out[j + 7] = s7;
		}
		for (; j < k; j++) {
			double s = 0;
			for (int p = from; p < to; p++) {
				double d = value[p] - mu[item[p] * k + j];
				s += d * d;
			}
			out[j] = s;
		}
	}

	/** {@code out_j = sum_p table[item_p * K + j]}, eight clusters at a time as above. */
	static void columnSums(double[] table, int k, int first, int[] item, int from, int to, double[] out) {
		int j = first;
		for (; j + 8 <= k; j += 8) {
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
			for (int p = from; p < to; p++) {
				int b = item[p] * k + j;
				s0 += table[b];
				s1 += table[b + 1];
				s2 += table[b + 2];
				s3 += table[b + 3];
				s4 += table[b + 4];
				s5 += table[b + 5];
				s6 += table[b + 6];
				s7 += table[b + 7];
			}
			out[j] = s0;
			out[j + 1] = s1;
			out[j + 2] = s2;
			out[j + 3] = s3;
			out[j + 4] = s4;
			out[j + 5] = s5;
			out[j + 6] = s6;
			out[j + 7] = s7;
		}
		for (; j < k; j++) {
			double s = 0;
			for (int p = from; p < to; p++) {
				s += table[item[p] * k + j];
			}
			out[j] = s;
		}
	}

	/**
	 * The M-step's sums over one item's ratings:
	 * {@code out[at + j] = sum_p post[user_p * K
	 * + j]} and {@code out[at + K + j] = sum_p post[user_p * K + j] x_p}, four clusters
	 * at a time in local variables, each sum in rating order.
	 */
	static void weightedSums(double[] post, int k, int first, int[] user, float[] value, int from, int to, double[] out,
			int at) {
		int j = first;
		for (; j + 4 <= k; j += 4) {
			double w0 = out[at + j], w1 = out[at + j + 1], w2 = out[at + j + 2], w3 = out[at + j + 3];
			double s0 = out[at + k + j], s1 = out[at + k + j + 1], s2 = out[at + k + j + 2], s3 = out[at + k + j + 3];
			for (int p = from; p < to; p++) {
				double x = value[p];
				int b = user[p] * k + j;
				double r0 = post[b];
				double r1 = post[b + 1];
				double r2 = post[b + 2];
				double r3 = post[b + 3];
				w0 += r0;
				w1 += r1;
				w2 += r2;
				w3 += r3;
				s0 += r0 * x;
				s1 += r1 * x;
				s2 += r2 * x;
				s3 += r3 * x;
			}
			out[at + j] = w0;
			out[at + j + 1] = w1;
			out[at + j + 2] = w2;
			out[at + j + 3] = w3;
			out[at + k + j] = s0;
			out[at + k + j + 1] = s1;
			out[at + k + j + 2] = s2;
			out[at + k + j + 3] = s3;
		}
		for (; j < k; j++) {
			double w = out[at + j];
			double s = out[at + k + j];
			for (int p = from; p < to; p++) {
				double r = post[user[p] * k + j];
				w += r;
				s += r * value[p];
			}
			out[at + j] = w;
			out[at + k + j] = s;
		}
	}

}
