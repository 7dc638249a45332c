package io.mixrec.em;

import org.jspecify.annotations.Nullable;

/**
 * Chooses between the SIMD ({@link VectorKernels}) and the scalar ({@link ScalarKernels})
 * E-step and M-step sums once per JVM. The SIMD path needs the incubating
 * {@code jdk.incubator.vector} module
 * ({@code java --add-modules jdk.incubator.vector ...}); without it, or with
 * {@code -Dmixrec.vector=false}, the scalar path runs. Both give identical results. Each
 * SIMD kernel is only taken once {@link KernelWarmUp} has seen C2 compile it; until then
 * its scalar twin runs.
 */
final class Kernels {

	/** Why the SIMD path is or is not in use; null when it is. */
	private static final @Nullable String SCALAR_REASON = scalarReason();

	/** Whether the SIMD path is in use. */
	static final boolean VECTOR = SCALAR_REASON == null;

	private Kernels() {
	}

	static void squaredDistances(double[] mu, int k, int[] item, float[] value, int from, int to, double[] out) {
		if (VECTOR && KernelWarmUp.distances) {
			VectorKernels.squaredDistances(mu, k, item, value, from, to, out);
		}
		else {
			ScalarKernels.squaredDistances(mu, k, 0, item, value, from, to, out);
		}
	}

	static void columnSums(double[] table, int k, int[] item, int from, int to, double[] out) {
		if (VECTOR && KernelWarmUp.columns) {
			VectorKernels.columnSums(table, k, item, from, to, out);
		}
		else {
			ScalarKernels.columnSums(table, k, 0, item, from, to, out);
		}
	}

	static void weightedSums(double[] post, int k, int[] user, float[] value, int from, int to, double[] out, int at) {
		if (VECTOR && KernelWarmUp.weighted) {
			VectorKernels.weightedSums(post, k, user, value, from, to, out, at);
		}
		else {
			ScalarKernels.weightedSums(post, k, 0, user, value, from, to, out, at);
		}
	}

	/**
	 * @return a short description for logs and benchmark output
	 */
	static String describe() {
		return VECTOR ? "SIMD (" + VectorKernels.lanes() + " doubles per vector)" : "scalar";
	}

	/**
	 * @return why the scalar kernels run, or null when the SIMD ones do
	 */
	static @Nullable String scalarReasonOrNull() {
		return SCALAR_REASON;
	}

	private static @Nullable String scalarReason() {
		if (!Boolean.parseBoolean(System.getProperty("mixrec.vector", "true"))) {
			return "switched off with -Dmixrec.vector=false";
		}
		if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
			return "the JVM was started without --add-modules jdk.incubator.vector";
		}
		try {
			int lanes = VectorKernels.lanes();
			// a species of one lane is no faster than scalar code
			return (lanes >= 4) ? null : "this CPU's vectors hold " + lanes + " doubles, too few to gain";
		}
		catch (LinkageError ex) {
			return "the Vector API is unusable here: " + ex;
		}
	}

}
