package io.mixrec.em;

/**
 * Which E-step and M-step kernels this JVM uses, for the one line a service or a command
 * logs at startup: SIMD ({@code jdk.incubator.vector}) or scalar, and why scalar.
 */
public final class KernelChoice {

	private KernelChoice() {
	}

	/**
	 * @return whether the SIMD kernels are in use (after their warm-up)
	 */
	public static boolean simd() {
		return Kernels.VECTOR;
	}

	/**
	 * @return e.g. "SIMD (4 doubles per vector)" or "scalar: the JVM was started without
	 * ..."
	 */
	public static String describe() {
		String reason = Kernels.scalarReasonOrNull();
		return (reason == null) ? Kernels.describe() + ", used once the JIT has compiled them"
				: "scalar: " + reason + " (results are the same, fits slower)";
	}

}
