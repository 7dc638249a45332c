package io.mixrec.em;

/**
 * The range checks of the engine's options, each with the one message that names the
 * option and its bad value, so that every option record words them alike.
 */
final class OptionChecks {

	private OptionChecks() {
	}

	static void check(boolean valid, String message) {
		if (!valid) {
			throw new IllegalArgumentException(message);
		}
	}

	static void atLeast(String name, int value, int min) {
		check(value >= min, name + " must be >= " + min + ", was " + value);
	}

	static void finiteAtLeast(String name, double value, int min) {
		check(value >= min && Double.isFinite(value), name + " must be finite and >= " + min + ", was " + value);
	}

	static void finitePositive(String name, double value) {
		check(value > 0 && Double.isFinite(value), name + " must be finite and > 0, was " + value);
	}

	static void finite(String name, double value) {
		check(Double.isFinite(value), name + " must be finite, was " + value);
	}

	/** A tempering weight: in (0, 1], where 1 leaves the likelihood as it is. */
	static void weight(String name, double value) {
		check(value > 0 && value <= 1, name + " must be in (0, 1], was " + value);
	}

}
