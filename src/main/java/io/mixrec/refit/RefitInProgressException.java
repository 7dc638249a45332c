package io.mixrec.refit;

import java.util.Map;

import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/** A refit was requested while another one runs (on any instance): 409 with its link. */
public class RefitInProgressException extends ApiException {

	/**
	 * @param running the running refit's version, if it is still known
	 */
	public RefitInProgressException(@Nullable Long running) {
		super(HttpStatus.CONFLICT, ErrorTypes.CONFLICT,
				(running != null) ? "Refit " + running + " is already running; only one runs at a time."
						: "A refit is already running; only one runs at a time.",
				(running != null) ? Map.of("running", "/admin/refits/" + running, "runningVersion", running) : Map.of(),
				null);
	}

}
