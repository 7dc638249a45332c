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
	 * {@code out_j = sum_p (x_p - mu[item_p * K + j])^2}, four vectors of clusters at a
	 * time.
	 */
	static void squaredDistances(double[] mu, int k, int[] item, float[] value, int from, int to, double[] out) {
		int j = 0;
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

}
