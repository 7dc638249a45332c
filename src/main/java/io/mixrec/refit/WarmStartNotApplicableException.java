package io.mixrec.refit;

import java.util.List;
import java.util.Map;

import io.mixrec.web.DomainException;
import io.mixrec.web.InvalidField;

/**
 * A refit request asks for a warm start of the ensemble, which has no single mixture to
 * start from.
 */
final class WarmStartNotApplicableException extends DomainException {

	WarmStartNotApplicableException() {
		super(Kind.INVALID, "Warm starts apply to the mixture and classic presets.", null);
	}

	@Override
	public Map<String, Object> members() {
		return Map.of("errors",
				List.of(new InvalidField("warmStart", "applies to the mixture and classic presets only")));
	}

}
