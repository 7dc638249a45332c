package io.mixrec.em;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What the engine's fits and selections run with besides their options: the kernels their
 * sums run on, a poll that stops them, and a listener. A caller sets only what it needs:
 * {@code new MixtureFitter(options).kernels(kernels).cancelWhen(stop).fit(matrix)}.
 *
 * @param <S> the fit itself, which every setter returns
 * @param <L> its listener's type; the subclass says what the listener is told
 */
public abstract sealed class FitControls<S extends FitControls<S, L>, L>
		permits MixtureFitter, EnsembleFitter, ClusterCountSelector, EnsembleSelector {

	L listener;

	Kernels kernels = Kernels.scalar();

	BooleanSupplier cancelled = () -> false;

	/**
	 * @param silent the listener until one is set, which hears nothing
	 */
	FitControls(L silent) {
		this.listener = silent;
	}

	/**
	 * @param listener told of the fit's progress, as the subclass describes
	 * @return this
	 */
	public S listener(L listener) {
		this.listener = listener;
		return self();
	}

	/**
	 * @param kernels the sums every fit runs (scalar unless given); a model a fit returns
	 * folds users in with them too
	 * @return this
	 */
	public S kernels(Kernels kernels) {
		this.kernels = kernels;
		return self();
	}

	/**
	 * @param cancelled polled between blocks of every fit; once it answers true the fit
	 * throws {@link CancellationException}
	 * @return this
	 */
	public S cancelWhen(BooleanSupplier cancelled) {
		this.cancelled = cancelled;
		return self();
	}

	/** Throws {@link CancellationException} once the poll answers true. */
	void checkCancelled() {
		if (this.cancelled.getAsBoolean()) {
			throw new CancellationException("fit cancelled");
		}
	}

	@SuppressWarnings("unchecked")
	private S self() {
		// sound: every permitted subclass names itself as S
		return (S) this;
	}

}
