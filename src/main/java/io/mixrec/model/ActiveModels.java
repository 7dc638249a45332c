package io.mixrec.model;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * This instance's view of the serving model. Readers take the current snapshot once per
 * request and keep it, so a swap never changes a request half-way.
 */
@Component
public class ActiveModels {

	private final AtomicReference<@Nullable ModelSnapshot> current = new AtomicReference<>();

	private volatile double maxWeightChange = Double.NaN;

	/**
	 * @return the snapshot in use, empty before the first model is loaded
	 */
	public Optional<ModelSnapshot> current() {
		return Optional.ofNullable(this.current.get());
	}

	/**
	 * Replaces the snapshot and records how much the cluster weights moved.
	 * @param snapshot the newly active model
	 */
	void swap(ModelSnapshot snapshot) {
		ModelSnapshot previous = this.current.getAndSet(snapshot);
		if (previous != null && previous.version() != snapshot.version()) {
			this.maxWeightChange = maxChange(previous.model().clusterWeights(), snapshot.model().clusterWeights());
		}
	}

	/**
	 * @return the largest change of a sorted cluster weight at the last swap, NaN before
	 */
	double maxWeightChange() {
		return this.maxWeightChange;
	}

	/**
	 * Compares sorted weights (cluster labels are arbitrary); a missing cluster has
	 * weight 0.
	 */
	static double maxChange(double[] before, double[] after) {
		double[] a = before.clone();
		double[] b = after.clone();
		java.util.Arrays.sort(a);
		java.util.Arrays.sort(b);
		double max = 0;
		for (int k = 1; k <= Math.max(a.length, b.length); k++) {
			double x = (k <= a.length) ? a[a.length - k] : 0;
			double y = (k <= b.length) ? b[b.length - k] : 0;
			max = Math.max(max, Math.abs(x - y));
		}
		return max;
	}

	/** Forgets the model (no version is active any more). */
	void clear() {
		this.current.set(null);
	}

}
