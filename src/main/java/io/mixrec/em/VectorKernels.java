package io.mixrec.em;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the E-step's per-user sums, on the JDK's Vector API. Only loaded when
 * the {@code jdk.incubator.vector} module is present ({@link Kernels#VECTOR}); the
 * arithmetic is lane-wise exactly that of the scalar loops (a subtraction, a product and
 * a sum per term, in rating order, no fused multiply-add), so both produce the same bits.
 */
final class VectorKernels {

	private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

	private static final int LANES = SPECIES.length();

	private VectorKernels() {
	}

	static int lanes() {
		return LANES;
	}

	/**
	 * {@code out_j = sum_p (x_p - mu[item_p * K + j])^2}, eight vectors of clusters at a
	 * time while K allows (one pass over the ratings for K = 32 with 4 lanes: the eight
	 * accumulators, the broadcast rating and a difference fit the 16 vector registers of
	 * AVX2), then four, then one.
	 */
	static void squaredDistances(double[] mu, int k, int[] item, float[] value, int from, int to, double[] out) {
		int j = 0;
		for (; j + 8 * LANES <= k; j += 8 * LANES) {
			DoubleVector a0 = DoubleVector.zero(SPECIES);
			DoubleVector a1 = a0;
			DoubleVector a2 = a0;
			DoubleVector a3 = a0;
			DoubleVector a4 = a0;
			DoubleVector a5 = a0;
			DoubleVector a6 = a0;
			DoubleVector a7 = a0;
			for (int p = from; p < to; p++) {
				DoubleVector x = DoubleVector.broadcast(SPECIES, value[p]);
				int b = item[p] * k + j;
				DoubleVector d0 = x.sub(DoubleVector.fromArray(SPECIES, mu, b));
				a0 = a0.add(d0.mul(d0));
				DoubleVector d1 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + LANES));
				a1 = a1.add(d1.mul(d1));
				DoubleVector d2 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 2 * LANES));
				a2 = a2.add(d2.mul(d2));
				DoubleVector d3 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 3 * LANES));
				a3 = a3.add(d3.mul(d3));
				DoubleVector d4 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 4 * LANES));
				a4 = a4.add(d4.mul(d4));
				DoubleVector d5 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 5 * LANES));
				a5 = a5.add(d5.mul(d5));
				DoubleVector d6 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 6 * LANES));
				a6 = a6.add(d6.mul(d6));
				DoubleVector d7 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 7 * LANES));
				a7 = a7.add(d7.mul(d7));
			}
			a0.intoArray(out, j);
			a1.intoArray(out, j + LANES);
			a2.intoArray(out, j + 2 * LANES);
			a3.intoArray(out, j + 3 * LANES);
			a4.intoArray(out, j + 4 * LANES);
			a5.intoArray(out, j + 5 * LANES);
			a6.intoArray(out, j + 6 * LANES);
			a7.intoArray(out, j + 7 * LANES);
		}
		for (; j + 4 * LANES <= k; j += 4 * LANES) {
			DoubleVector a0 = DoubleVector.zero(SPECIES);
			DoubleVector a1 = a0;
			DoubleVector a2 = a0;
			DoubleVector a3 = a0;
			for (int p = from; p < to; p++) {
				DoubleVector x = DoubleVector.broadcast(SPECIES, value[p]);
				int b = item[p] * k + j;
				DoubleVector d0 = x.sub(DoubleVector.fromArray(SPECIES, mu, b));
				DoubleVector d1 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + LANES));
				DoubleVector d2 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 2 * LANES));
				DoubleVector d3 = x.sub(DoubleVector.fromArray(SPECIES, mu, b + 3 * LANES));
				a0 = a0.add(d0.mul(d0));
				a1 = a1.add(d1.mul(d1));
				a2 = a2.add(d2.mul(d2));
				a3 = a3.add(d3.mul(d3));
			}
			a0.intoArray(out, j);
			a1.intoArray(out, j + LANES);
			a2.intoArray(out, j + 2 * LANES);
			a3.intoArray(out, j + 3 * LANES);
		}
		for (; j + LANES <= k; j += LANES) {
			DoubleVector a = DoubleVector.zero(SPECIES);
			for (int p = from; p < to; p++) {
				DoubleVector d = DoubleVector.broadcast(SPECIES, value[p])
					.sub(DoubleVector.fromArray(SPECIES, mu, item[p] * k + j));
				a = a.add(d.mul(d));
			}
			a.intoArray(out, j);
		}
		ScalarKernels.squaredDistances(mu, k, j, item, value, from, to, out);
	}

	/**
	 * {@code out_j = sum_p table[item_p * K + j]}, four vectors of clusters at a time.
	 */
	static void columnSums(double[] table, int k, int[] item, int from, int to, double[] out) {
		int j = 0;
		for (; j + 4 * LANES <= k; j += 4 * LANES) {
			DoubleVector a0 = DoubleVector.zero(SPECIES);
			DoubleVector a1 = a0;
			DoubleVector a2 = a0;
			DoubleVector a3 = a0;
			for (int p = from; p < to; p++) {
				int b = item[p] * k + j;
				a0 = a0.add(DoubleVector.fromArray(SPECIES, table, b));
				a1 = a1.add(DoubleVector.fromArray(SPECIES, table, b + LANES));
				a2 = a2.add(DoubleVector.fromArray(SPECIES, table, b + 2 * LANES));
				a3 = a3.add(DoubleVector.fromArray(SPECIES, table, b + 3 * LANES));
			}
			a0.intoArray(out, j);
			a1.intoArray(out, j + LANES);
			a2.intoArray(out, j + 2 * LANES);
			a3.intoArray(out, j + 3 * LANES);
		}
		for (; j + LANES <= k; j += LANES) {
			DoubleVector a = DoubleVector.zero(SPECIES);
			for (int p = from; p < to; p++) {
				a = a.add(DoubleVector.fromArray(SPECIES, table, item[p] * k + j));
			}
			a.intoArray(out, j);
		}
		ScalarKernels.columnSums(table, k, j, item, from, to, out);
	}

	/**
	 * The M-step's sums over one item's ratings ({@link ScalarKernels#weightedSums}),
	 * four vectors of clusters at a time (eight accumulators), so that for K up to 4
	 * lanes each user's posterior row is read once.
	 */
	static void weightedSums(double[] post, int k, int[] user, float[] value, int from, int to, double[] out, int at) {
		int j = 0;
		for (; j + 4 * LANES <= k; j += 4 * LANES) {
			DoubleVector w0 = DoubleVector.fromArray(SPECIES, out, at + j);
			DoubleVector w1 = DoubleVector.fromArray(SPECIES, out, at + j + LANES);
			DoubleVector w2 = DoubleVector.fromArray(SPECIES, out, at + j + 2 * LANES);
			DoubleVector w3 = DoubleVector.fromArray(SPECIES, out, at + j + 3 * LANES);
			DoubleVector s0 = DoubleVector.fromArray(SPECIES, out, at + k + j);
			DoubleVector s1 = DoubleVector.fromArray(SPECIES, out, at + k + j + LANES);
			DoubleVector s2 = DoubleVector.fromArray(SPECIES, out, at + k + j + 2 * LANES);
			DoubleVector s3 = DoubleVector.fromArray(SPECIES, out, at + k + j + 3 * LANES);
			for (int p = from; p < to; p++) {
				DoubleVector x = DoubleVector.broadcast(SPECIES, value[p]);
				int b = user[p] * k + j;
				DoubleVector r0 = DoubleVector.fromArray(SPECIES, post, b);
				DoubleVector r1 = DoubleVector.fromArray(SPECIES, post, b + LANES);
				DoubleVector r2 = DoubleVector.fromArray(SPECIES, post, b + 2 * LANES);
				DoubleVector r3 = DoubleVector.fromArray(SPECIES, post, b + 3 * LANES);
				w0 = w0.add(r0);
				w1 = w1.add(r1);
				w2 = w2.add(r2);
				w3 = w3.add(r3);
				s0 = s0.add(r0.mul(x));
				s1 = s1.add(r1.mul(x));
				s2 = s2.add(r2.mul(x));
				s3 = s3.add(r3.mul(x));
			}
			w0.intoArray(out, at + j);
			w1.intoArray(out, at + j + LANES);
			w2.intoArray(out, at + j + 2 * LANES);
			w3.intoArray(out, at + j + 3 * LANES);
			s0.intoArray(out, at + k + j);
			s1.intoArray(out, at + k + j + LANES);
			s2.intoArray(out, at + k + j + 2 * LANES);
			s3.intoArray(out, at + k + j + 3 * LANES);
		}
		for (; j + LANES <= k; j += LANES) {
			DoubleVector w = DoubleVector.fromArray(SPECIES, out, at + j);
			DoubleVector s = DoubleVector.fromArray(SPECIES, out, at + k + j);
			for (int p = from; p < to; p++) {
				DoubleVector r = DoubleVector.fromArray(SPECIES, post, user[p] * k + j);
				w = w.add(r);
				s = s.add(r.mul(DoubleVector.broadcast(SPECIES, value[p])));
			}
			w.intoArray(out, at + j);
			s.intoArray(out, at + k + j);
		}
		ScalarKernels.weightedSums(post, k, j, user, value, from, to, out, at);
	}

}
