package io.mixrec.refit;

import java.util.Map;

import io.mixrec.web.DomainException;
import org.jspecify.annotations.Nullable;

/** A refit was requested while another one runs (on any instance): 409 with its link. */
public class RefitInProgressException extends DomainException {

	private final @Nullable Long running;

	/**
	 * @param running the running refit's version, if it is still known
	 */
	public RefitInProgressException(@Nullable Long running) {
		super(Kind.CONFLICT, (running != null) ? "Refit " + running + " is already running; only one runs at a time."
				: "A refit is already running; only one runs at a time.", null);
		this.running = running;
	}

	@Override
	public Map<String, Object> members() {
		return (this.running != null)
				? Map.of("running", "/admin/refits/" + this.running, "runningVersion", this.running) : Map.of();
	}

}
