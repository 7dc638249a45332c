package io.mixrec.em;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The E-step and M-step sums that fits and fold-ins run: SIMD ({@link VectorKernels}) or
 * scalar ({@link ScalarKernels}), chosen per kernel. Both produce the same bits
 * ({@code KernelsTests}), so the choice changes speed, never a result.
 *
 * <p>
 * An explicit object: the process that owns the threads creates one ({@link #detect()})
 * and passes it to the fitters and models it uses; the engine holds none statically. The
 * SIMD path needs the incubating {@code jdk.incubator.vector} module
 * ({@code java --add-modules jdk.incubator.vector ...}); without it, or with
 * {@code -Dmixrec.vector=false}, every kernel stays scalar.
 *
 * <p>
 * Vector API code is only fast once C2 has compiled it with its intrinsics; before that
 * every vector operation is a call that allocates, and a kernel is several times slower
 * than the scalar loop. So a detected kernel starts scalar, and {@link #warmUp} switches
 * it to SIMD once the JIT has made that no slower ({@link KernelWarmUp}). The owner runs
 * the warm-up on a thread of its own while it does other work; fits and fold-ins that
 * start sooner run scalar until then, with the same bits.
 */
public final class Kernels {

	private static final Kernels SCALAR = new Kernels("chosen by the caller");

	/** Why every kernel stays scalar; null when SIMD is possible. */
	private final @Nullable String scalarReason;

	private volatile boolean distances;

	private volatile boolean columns;

	private volatile boolean weighted;

	private volatile boolean decided;

	private Kernels(@Nullable String scalarReason) {
		this.scalarReason = scalarReason;
		this.decided = scalarReason != null;
	}

	/**
	 * @return kernels that are always scalar (tests, and callers that fit too briefly for
	 * a warm-up to pay)
	 */
	public static Kernels scalar() {
		return SCALAR;
	}

	/**
	 * @return kernels that may go SIMD on this JVM once {@link #warmUp} has seen each
	 * compiled; scalar until then
	 */
	public static Kernels detect() {
		return new Kernels(scalarReason());
	}

	/**
	 * @return kernels already on SIMD, warm or not (tests comparing the two paths)
	 */
	static Kernels simdNow() {
		Kernels kernels = new Kernels(scalarReason());
		if (kernels.scalarReason != null) {
			throw new IllegalStateException("SIMD kernels unavailable: " + kernels.scalarReason);
		}
		kernels.use(true, true, true);
		kernels.decided = true;
		return kernels;
	}

	/**
	 * Decides on the calling thread, within {@code budget}, which kernels switch to SIMD;
	 * a kernel the JIT has not made fast by then stays scalar, the faster choice on this
	 * JVM. Returns at once when there is nothing to decide, early when the thread is
	 * interrupted (with its interrupt flag set).
	 * @param budget the longest the warm-up may take
	 */
	public void warmUp(Duration budget) {
		if (this.decided) {
			return;
		}
		try {
			KernelWarmUp.decide(this, System.nanoTime() + budget.toNanos());
		}
		finally {
			this.decided = true;
		}
	}

	/**
	 * @return whether the warm-up has decided every kernel (always, for scalar kernels)
	 */
	public boolean decided() {
		return this.decided;
	}

	/**
	 * @return for logs and benchmark output, e.g. "SIMD (4 doubles per vector), used once
	 * the JIT has compiled them" or "scalar: the JVM was started without ..."
	 */
	public String describe() {
		return (this.scalarReason == null)
				? "SIMD (" + VectorKernels.lanes() + " doubles per vector), used once the JIT has compiled them"
				: "scalar: " + this.scalarReason + " (results are the same, fits slower)";
	}

	/** Switches kernels to SIMD; only {@link KernelWarmUp} and tests call it. */
	void use(boolean distances, boolean columns, boolean weighted) {
		this.distances = distances;
		this.columns = columns;
		this.weighted = weighted;
	}

	void squaredDistances(double[] mu, int k, int[] item, float[] value, int from, int to, double[] out) {
		if (this.distances) {
			VectorKernels.squaredDistances(mu, k, item, value, from, to, out);
		}
		else {
			ScalarKernels.squaredDistances(mu, k, 0, item, value, from, to, out);
		}
	}

	void columnSums(double[] table, int k, int[] item, int from, int to, double[] out) {
		if (this.columns) {
			VectorKernels.columnSums(table, k, item, from, to, out);
		}
		else {
			ScalarKernels.columnSums(table, k, 0, item, from, to, out);
		}
	}

	void weightedSums(double[] post, int k, int[] user, float[] value, int from, int to, double[] out, int at) {
		if (this.weighted) {
			VectorKernels.weightedSums(post, k, user, value, from, to, out, at);
		}
		else {
			ScalarKernels.weightedSums(post, k, 0, user, value, from, to, out, at);
		}
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
